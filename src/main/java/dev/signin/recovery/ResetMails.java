package dev.signin.recovery;

import dev.signin.auth.SecurityEvent;
import dev.signin.config.Settings;
import dev.signin.mail.Mail;
import dev.signin.mail.Outbox;
import dev.signin.users.User;
import dev.signin.users.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;

/**
 * Writes the reset links of one request: a token and its mail, in one transaction, for each
 * account whose verified address it is (an unverified address gets nothing), at most
 * {@link #PER_HOUR} an hour per account.
 */
@ApplicationScoped
public class ResetMails {

    static final int PER_HOUR = 3;

    @Inject
    UserRepository users;

    @Inject
    MailTokens tokens;

    @Inject
    Outbox outbox;

    @Inject
    Settings settings;

    @Inject
    Event<SecurityEvent> events;

    Clock clock = Clock.systemUTC();

    @Transactional
    public void send(String emailKey) {
        Duration lifetime = settings.mail().resetLifetime();
        for (User user : users.findByVerifiedEmail(emailKey)) {
            if (tokens.issuedSince(user.getId(), MailTokens.RESET, clock.instant().minus(Duration.ofHours(1))) >= PER_HOUR) {
                continue;
            }
            String token = tokens.issue(user.getId(), MailTokens.RESET, null, user.getCredentialVersion(), lifetime);
            String link = outbox.link("/password/reset?token=" + token);
            outbox.add(new Mail("password-reset", user.getEmail(), "Reset your password",
                    "Hello " + user.getDisplayName() + ",\n\n"
                            + "someone (we hope you) asked to reset the password of your account \"" + user.getUsername() + "\".\n"
                            + "To choose a new password, open this link within " + lifetime.toMinutes() + " minutes:\n\n"
                            + link + "\n\n"
                            + "The link works once. If you did not ask for it, ignore this mail: your password stays as it is.\n",
                    lifetime), user.getId());
            events.fire(new SecurityEvent(SecurityEvent.Kind.PASSWORD_RESET_MAILED, clock.instant(), user.getId(), null, "-", null));
        }
    }
}
