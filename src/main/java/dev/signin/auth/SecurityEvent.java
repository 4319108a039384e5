package dev.signin.auth;

import java.time.Instant;
import java.util.Locale;

/**
 * A CDI event for each step in a session's life, fired by {@link Authentication}: the audit log
 * and the metrics observe these, nothing calls them. userId is null when unknown (a failed
 * sign-in: then username is the attempted one); sessionId is the container's, to be hashed
 * before anyone writes it down.
 */
public record SecurityEvent(Kind kind, Instant time, Long userId, String username, String clientAddress, String sessionId) {

    /** What happened. The audit log's names are the lower-case names. */
    public enum Kind {
        SIGN_IN_SUCCESS, SIGN_IN_REMEMBERED, SIGN_IN_FAILURE, SIGN_IN_THROTTLED, SIGN_IN_SUPERSEDED, SIGN_UP, SIGN_OUT,
        SESSION_ENDED, OTHER_SESSIONS_ENDED, SESSION_EXPIRED, PASSWORD_CHANGED, ACCOUNT_DELETED,
        PASSWORD_CHECK_FAILURE, PASSWORD_CHECK_THROTTLED, SIGN_UP_THROTTLED,
        /** The password was right and the account has two-step verification: a code is asked for. */
        SIGN_IN_CODE_REQUIRED, SIGN_IN_CODE_FAILED, SIGN_IN_CODE_THROTTLED, RECOVERY_CODE_USED,
        MFA_ENABLED, MFA_DISABLED, RECOVERY_CODES_REGENERATED,
        /**
         * A change of the factors asked for with the password alone when a second factor is on
         * ({@link StepUp}); and one whose second factor was refused: a wrong code, a recovery code
         * for another change than turning two-step off, a passkey's answer that did not verify or
         * was made for something else.
         */
        SECOND_FACTOR_REQUIRED, SECOND_FACTOR_REFUSED,
        /** Passkeys: one added or removed in the settings; a new one refused (its answer did not verify). */
        PASSKEY_ADDED, PASSKEY_REMOVED, PASSKEY_REFUSED,
        /** A sign-in with a passkey (it counts as two factors: no code is asked), and one refused. */
        SIGN_IN_PASSKEY, SIGN_IN_PASSKEY_FAILED,
        /** With a second factor required, the right password of an account whose second factor is a passkey: it signs in with that. */
        SIGN_IN_PASSKEY_REQUIRED,
        /** Mail (dev.signin.mail): one written to the outbox, handed to the SMTP server, an attempt failed (tried again later), given up. */
        MAIL_QUEUED, MAIL_SENT, MAIL_FAILED, MAIL_GIVEN_UP,
        /**
         * Password reset by mail: a link asked for (whether or not the address is known), one mailed,
         * the form held back by the throttle, a link refused (used, late, superseded, tampered or a
         * wrong code), and the password reset.
         */
        PASSWORD_RESET_REQUESTED, PASSWORD_RESET_MAILED, PASSWORD_RESET_THROTTLED, PASSWORD_RESET_REFUSED, PASSWORD_RESET,
        /** E-mail addresses: one set or changed (a verification link mailed), verified, a verification link refused. */
        EMAIL_CHANGED, EMAIL_VERIFIED, EMAIL_VERIFICATION_REFUSED;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
