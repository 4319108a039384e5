package dev.signin.mail;

import dev.signin.auth.SecurityEvent;
import dev.signin.users.User;
import dev.signin.users.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mails the owner of an account, at its verified address, when something that protects it
 * changed: the password changed or was reset, two-step verification turned off, a passkey added.
 * It observes the security events (nothing calls it); a change of the address itself is reported
 * to the old address by the change (it knows that address). A notice that cannot be written is
 * logged, never the change's failure.
 */
@ApplicationScoped
public class SecurityNotices {

    private static final Logger LOG = Logger.getLogger(SecurityNotices.class.getName());

    @Inject
    UserRepository users;

    @Inject
    Outbox outbox;

    void notice(@Observes SecurityEvent event) {
        Optional<String[]> what = switch (event.kind()) {
            case PASSWORD_CHANGED -> Optional.of(new String[]{"Your password was changed", "The password of your account was changed."});
            case PASSWORD_RESET -> Optional.of(new String[]{"Your password was reset", "The password of your account was reset "
                    + "through a link we mailed you, and every session of the account was ended."});
            case MFA_DISABLED -> Optional.of(new String[]{"Two-step verification was turned off",
                    "Two-step verification was turned off for your account."});
            case PASSKEY_ADDED -> Optional.of(new String[]{"A passkey was added", "A passkey was added to your account."});
            default -> Optional.empty();
        };
        if (what.isEmpty() || event.userId() == null || !outbox.enabled()) {
            return;
        }
        try {
            users.findById(event.userId()).filter(User::isEmailVerified).ifPresent(user -> outbox.add(notice(user, what.get()[0],
                    what.get()[1], event.kind().jsonName()), user.getId()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write the notice of " + event.kind().jsonName() + " for user " + event.userId() + ": " + e);
        }
    }

    static Mail notice(User user, String subject, String what, String kind) {
        return new Mail(kind.replace('_', '-'), user.getEmail(), subject,
                "Hello " + user.getDisplayName() + ",\n\n" + what + "\n\n"
                        + "If this was you, there is nothing to do. If it was not, reset your password at once and "
                        + "look at your account's sessions and passkeys.\n\nAccount: " + user.getUsername() + "\n",
                Mail.NOTICE_LIFETIME);
    }
}
