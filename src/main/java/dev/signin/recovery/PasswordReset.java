package dev.signin.recovery;

import dev.signin.auth.session.Client;
import dev.signin.auth.session.Credentials;
import dev.signin.auth.twostep.SecondFactors;
import dev.signin.auth.SecurityEvent;
import dev.signin.auth.SecurityEvent.Kind;
import dev.signin.auth.throttle.SignInThrottle;
import dev.signin.password.Argon2PasswordHash;
import dev.signin.password.PasswordPolicy;
import dev.signin.users.User;
import dev.signin.users.UserRepository;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * "Forgot your password?": a link by mail to each account whose verified address was given, and
 * the new password set through it. The request is answered before anything about the address is
 * looked up (that work runs on another thread, a second later), so the answer is the same, in content and in time,
 * for a known, an unknown and an unverified address. The reset needs the account's second factor
 * when it has one: a mailbox alone never takes over an account with two-step verification.
 */
@ApplicationScoped
public class PasswordReset {

    private static final Logger LOG = Logger.getLogger(PasswordReset.class.getName());

    /** What a reset came to. */
    public sealed interface Outcome {
    }

    /** The password is set; every session and cookie of the account has ended. */
    public record Done() implements Outcome {
    }

    /** The link is not (or no longer) good: used, late, superseded by a newer one or a password change, or not ours. */
    public record LinkInvalid() implements Outcome {
    }

    /** Field name to message. */
    public record Rejected(Map<String, String> errors) implements Outcome {
    }

    public record HeldBack(long seconds) implements Outcome {
    }

    static final String WRONG_CODE = "That code is not right. Enter the current code of your authenticator app, or a recovery code.";
    static final String CONFIRM_MISMATCH = "The passwords do not match.";

    @Inject
    Client client;

    @Inject
    SignInThrottle throttle;

    @Inject
    ResetMails resetMails;

    @Inject
    MailTokens tokens;

    @Inject
    UserRepository users;

    @Inject
    SecondFactors secondFactors;

    @Inject
    Argon2PasswordHash passwordHash;

    @Inject
    PasswordPolicy policy;

    @Inject
    Credentials credentials;

    @Inject
    Event<SecurityEvent> events;

    @Resource
    ManagedScheduledExecutorService executor;

    /**
     * The look-up and the mail start this long after the request: well after its answer has gone,
     * so that their work (on a busy machine, CPU and database) does not slow that answer down for a
     * known address only.
     */
    static final long WORK_DELAY_MILLIS = 1000;

    Clock clock = Clock.systemUTC();

    /**
     * Asks for reset links to this address (it must be well formed: the caller checked). Counted
     * per client network and per address, known or not; empty when it may go on, which it then does
     * on another thread.
     */
    public Optional<Long> request(String email) {
        String key = User.keyOfEmail(EmailAddress.cleaned(email));
        SignInThrottle.Reservation reservation = throttle.reserve(List.of(throttle.mailRequests(client.address()), throttle.mailAddress(key)));
        if (reservation instanceof SignInThrottle.HeldBack held) {
            fire(Kind.PASSWORD_RESET_THROTTLED, null);
            return Optional.of(Math.max(1, (held.delay().toMillis() + 999) / 1000));
        }
        fire(Kind.PASSWORD_RESET_REQUESTED, null);
        executor.schedule(() -> {
            try {
                resetMails.send(key);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not write the reset mails of a request: " + e);
            }
        }, WORK_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        return Optional.empty();
    }

    /** The account a reset link is for, if the link is good now; uses nothing up. */
    public Optional<User> accountOf(String token) {
        return tokens.find(token, MailTokens.RESET).flatMap(link -> users.findById(link.userId())
                .filter(user -> user.getCredentialVersion() == link.credentialVersion()));
    }

    /** Sets a new password through a link; the account's second factor too when it has one. */
    public Outcome reset(String token, String password, String confirm, String code) {
        Optional<MailTokens.Link> link = tokens.find(token, MailTokens.RESET);
        Optional<User> account = link.flatMap(l -> users.findById(l.userId()).filter(u -> u.getCredentialVersion() == l.credentialVersion()));
        if (account.isEmpty()) {
            fire(Kind.PASSWORD_RESET_REFUSED, link.map(MailTokens.Link::userId).orElse(null));
            return new LinkInvalid();
        }
        User user = account.get();
        Map<String, String> errors = new LinkedHashMap<>();
        String chosen = password == null ? "" : password;
        if (chosen.length() < PasswordPolicy.MIN_LENGTH || chosen.length() > PasswordPolicy.MAX_LENGTH) {
            errors.put("password", "Use " + PasswordPolicy.MIN_LENGTH + " to " + PasswordPolicy.MAX_LENGTH + " characters.");
        } else {
            policy.problem(user.getUsername(), chosen).ifPresent(p -> errors.put("password", p));
        }
        if (!chosen.equals(confirm == null ? "" : confirm)) {
            errors.put("confirm", CONFIRM_MISMATCH);
        }
        if (!errors.isEmpty()) {
            return new Rejected(errors);
        }
        if (user.isTwoStep()) {
            // Codes are counted as at sign-in: the account's count and this client network's.
            SignInThrottle.Reservation reservation = throttle.reserve(List.of(throttle.code(user.getId()), throttle.address(client.address())));
            if (reservation instanceof SignInThrottle.HeldBack held) {
                fire(Kind.PASSWORD_RESET_THROTTLED, user.getId());
                return new HeldBack(Math.max(1, (held.delay().toMillis() + 999) / 1000));
            }
            SecondFactors.Used used = secondFactors.use(user, code == null ? "" : code);
            if (used == SecondFactors.Used.NOTHING) {
                fire(Kind.PASSWORD_RESET_REFUSED, user.getId());
                return new Rejected(Map.of("code", WRONG_CODE));
            }
            throttle.succeeded((SignInThrottle.Reserved) reservation);
            if (used == SecondFactors.Used.RECOVERY_CODE) {
                fire(Kind.RECOVERY_CODE_USED, user.getId());
            }
        }
        String hash = passwordHash.generate(chosen.toCharArray());
        if (!credentials.resetPassword(user.getId(), link.get().credentialVersion(), hash, () -> tokens.take(token, MailTokens.RESET))) {
            fire(Kind.PASSWORD_RESET_REFUSED, user.getId()); // used by another request meanwhile, or the password changed
            return new LinkInvalid();
        }
        fire(Kind.PASSWORD_RESET, user.getId());
        return new Done();
    }

    private void fire(Kind kind, Long userId) {
        events.fire(new SecurityEvent(kind, clock.instant(), userId, null, client.address(), client.sessionId().orElse(null)));
    }
}
