package dev.signin.recovery;

import dev.signin.auth.session.Client;
import dev.signin.auth.SecurityEvent;
import dev.signin.auth.SecurityEvent.Kind;
import dev.signin.auth.throttle.SignInThrottle;
import dev.signin.config.Settings;
import dev.signin.mail.Mail;
import dev.signin.mail.Outbox;
import dev.signin.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A user's e-mail address: set at sign-up or in the settings, unverified (and so given no reset
 * link) until the link mailed to it is followed. A change is written with its verification mail,
 * and with a notice to the old address when that one was verified, in one transaction under the
 * lock on the user's row.
 */
@ApplicationScoped
public class EmailAddresses {

    /** Verification mails per account an hour; more asks are answered alike but mail nothing. */
    static final int PER_HOUR = 3;

    @PersistenceContext(unitName = "signin")
    EntityManager em;

    @Inject
    MailTokens tokens;

    @Inject
    Outbox outbox;

    @Inject
    Settings settings;

    @Inject
    Client client;

    @Inject
    Event<SecurityEvent> events;

    @Inject
    SignInThrottle throttle;

    Clock clock = Clock.systemUTC();

    /**
     * Counts a request that would mail a verification link to this address, on the counters of
     * the forgot-password form: per client network (IPv6 per /64) and per address. A wait in
     * seconds when it is held back (then nothing may be changed or mailed), else empty.
     */
    public Optional<Long> admitMail(String email) {
        String key = User.keyOfEmail(EmailAddress.cleaned(email));
        SignInThrottle.Reservation reservation = throttle.reserve(List.of(throttle.mailRequests(client.address()), throttle.mailAddress(key)));
        if (reservation instanceof SignInThrottle.HeldBack held) {
            return Optional.of(Math.max(1, (held.delay().toMillis() + 999) / 1000));
        }
        return Optional.empty();
    }

    /** Whether mail is on: without it there are no addresses to give. */
    public boolean enabled() {
        return outbox.enabled();
    }

    /** The signed-in user's address and whether it is verified (empty: none). */
    public Optional<User> signedInUser() {
        return client.recognised();
    }

    /** Sets the signed-in user's address (the caller checked the form and the step-up). */
    @Transactional
    public void changeOwn(String email) {
        client.recognised().ifPresent(user -> change(user.getId(), email));
    }

    /** Sets or changes the address: unverified, a link mailed to it, the old verified address told. */
    @Transactional
    public void change(long userId, String email) {
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        String cleaned = EmailAddress.cleaned(email);
        if (user == null || user.isEmailVerified() && User.keyOfEmail(user.getEmail()).equals(User.keyOfEmail(cleaned))) {
            return; // gone, or already this verified address: nothing to do
        }
        String oldVerified = user.isEmailVerified() ? user.getEmail() : null;
        user.setEmail(cleaned);
        Instant now = clock.instant();
        if (tokens.issuedSince(userId, MailTokens.VERIFY, now.minus(Duration.ofHours(1))) < PER_HOUR) {
            Duration lifetime = settings.mail().verifyLifetime();
            String token = tokens.issue(userId, MailTokens.VERIFY, cleaned, user.getCredentialVersion(), lifetime);
            outbox.add(new Mail("email-verification", cleaned, "Verify your e-mail address",
                    "Hello " + user.getDisplayName() + ",\n\n"
                            + "this address was given for the account \"" + user.getUsername() + "\". To confirm that it is yours, "
                            + "open this link within " + lifetime.toHours() + " hours:\n\n"
                            + outbox.link("/account/email/verify?token=" + token) + "\n\n"
                            + "Until then, no password reset link is sent to it. If you did not give it, ignore this mail.\n",
                    lifetime), userId);
        }
        if (oldVerified != null) {
            outbox.add(new Mail("email-changed", oldVerified, "Your e-mail address was changed",
                    "Hello " + user.getDisplayName() + ",\n\n"
                            + "the e-mail address of your account \"" + user.getUsername() + "\" was changed from this one to "
                            + cleaned + ". Password reset links no longer come here.\n\n"
                            + "If this was not you, sign in and change your password and address at once.\n",
                    Mail.NOTICE_LIFETIME), userId);
        }
        events.fire(new SecurityEvent(Kind.EMAIL_CHANGED, now, userId, null, client.address(), client.sessionId().orElse(null)));
    }

    /** Follows a verification link: the address it was mailed to is verified, if it is still the account's. */
    @Transactional
    public Optional<String> verify(String token) {
        Optional<MailTokens.Link> link = tokens.find(token, MailTokens.VERIFY);
        Optional<User> user = link.map(l -> em.find(User.class, l.userId(), LockModeType.PESSIMISTIC_WRITE))
                .filter(u -> u.getEmail() != null && User.keyOfEmail(u.getEmail()).equals(User.keyOfEmail(link.get().email())));
        if (user.isEmpty() || !tokens.take(token, MailTokens.VERIFY)) {
            fire(Kind.EMAIL_VERIFICATION_REFUSED, link.map(MailTokens.Link::userId).orElse(null));
            return Optional.empty();
        }
        user.get().verifyEmail();
        fire(Kind.EMAIL_VERIFIED, user.get().getId());
        return Optional.of(user.get().getEmail());
    }

    private void fire(Kind kind, Long userId) {
        events.fire(new SecurityEvent(kind, clock.instant(), userId, null, client.address(), client.sessionId().orElse(null)));
    }
}
