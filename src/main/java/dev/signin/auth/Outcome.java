package dev.signin.auth;

import java.time.Duration;

/** How an operation that checks a password ended. */
public sealed interface Outcome {

    /** Done as asked. */
    record Done() implements Outcome {
    }

    /** The username or password was wrong (one answer for both). */
    record WrongPassword() implements Outcome {
    }

    /** Held back without checking the password: too many failures; try again after the wait. */
    record HeldBack(Duration delay) implements Outcome {
        /** The wait in whole seconds, rounded up: what Retry-After says. */
        public long seconds() {
            return Math.max(1, delay.toSeconds() + (delay.toMillisPart() > 0 ? 1 : 0));
        }
    }

    /** The password was right; the account asks for a code from its authenticator app too (the second step). */
    record CodeNeeded() implements Outcome {
    }

    /** The code (or recovery code) was wrong or used before. */
    record WrongCode() implements Outcome {
    }

    /** No sign-in is waiting for a code in this browser (none began, or it took longer than allowed): start again. */
    record Expired() implements Outcome {
    }

    /** The passkey's answer was not accepted (unknown passkey, wrong signature, origin or challenge, counter not raised). */
    record PasskeyRefused() implements Outcome {
    }

    /** The password was right; the change needs a second factor too and none was given ({@link StepUp}). */
    record SecondFactorNeeded() implements Outcome {
    }

    /** A recovery code given for a change it cannot make (only turning two-step verification off takes one); not used up. */
    record RecoveryCodeRefused() implements Outcome {
    }

    /** The password was right, but with a second factor required this account's way in is its passkey, not the password. */
    record PasskeyNeeded() implements Outcome {
    }

    /** The password was right, but the credentials changed meanwhile (another browser changed them): nothing was done. */
    record Superseded() implements Outcome {
    }
}
