package dev.signin.auth;

import dev.signin.auth.SecurityEvent.Kind;
import dev.signin.auth.passkeys.PasskeyStore;
import dev.signin.auth.session.Client;
import dev.signin.auth.session.DeviceToken;
import dev.signin.auth.session.SessionCookies;
import dev.signin.auth.throttle.SignInThrottle;
import dev.signin.auth.twostep.RecoveryCodes;
import dev.signin.auth.twostep.SecondFactors;
import dev.signin.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one rule for changing what signs an account in ("step-up", ASVS 6.4, 7.5.1): a change to the
 * signed-in user's factors needs the current password and, when a second factor is on (an
 * authenticator app, or at least one passkey), a current second factor as well: a code of the app,
 * or a passkey's answer to a challenge made for this user and this {@link Purpose}
 * ({@link #passkeyOptions}), so that an answer for one change neither makes another nor signs in.
 * The current password is checked here for every change that needs it ({@link #checkPassword}: the
 * password change and the account's deletion too). A recovery code counts only where the purpose allows it (turning two-step verification off), and
 * is used up. With no second factor the password alone is enough: there is nothing to undo.
 *
 * <p>Use: a controller passes {@link #check} the purpose, the password and the {@link Proof} its
 * form posted, and acts only on {@link Outcome.Done}; {@link #factors} tells its page which fields
 * to show. The password and codes are throttled as at sign-in; each refusal of the second factor
 * is audited ({@code second_factor_required}: none given; {@code second_factor_refused}: a wrong
 * or misplaced one).
 */
@ApplicationScoped
public class StepUp {

    /** The changes a second factor guards; the id is what forms and the options endpoint send. */
    public enum Purpose {
        TURN_OFF_TWO_STEP("turn-off-two-step"),
        NEW_RECOVERY_CODES("new-recovery-codes"),
        ADD_PASSKEY("add-passkey"),
        REMOVE_PASSKEY("remove-passkey"),
        SET_UP_APP("set-up-app"),
        /** Adding or changing the e-mail address: the one reset links go to. */
        CHANGE_EMAIL("change-email");

        private final String id;

        Purpose(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<Purpose> of(String id) {
            return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
        }

        /** Only turning two-step verification off takes a recovery code: it is what they are for. */
        boolean takesRecoveryCode() {
            return this == TURN_OFF_TWO_STEP;
        }
    }

    /** The second factors the account has on (bean getters for the views). */
    public record Factors(boolean app, boolean passkey) {
        public boolean any() {
            return app || passkey;
        }

        public boolean isApp() {
            return app;
        }

        public boolean isPasskey() {
            return passkey;
        }

        public boolean isAny() {
            return any();
        }
    }

    /** What a form posted beside the password: a code (blank when none), a passkey's answer (null when none). */
    public record Proof(String code, Passkeys.Assertion passkey) {
        public static final Proof NONE = new Proof("", null);

        /** From the form's fields: a passkey's answer when it has a credential id. */
        public static Proof of(String code, String credentialId, String userHandle, String authenticatorData, String clientDataJson,
                               String signature) {
            Passkeys.Assertion passkey = credentialId == null || credentialId.isBlank() ? null
                    : new Passkeys.Assertion(credentialId, userHandle, authenticatorData, clientDataJson, signature);
            return new Proof(code == null ? "" : code.strip(), passkey);
        }
    }

    @Inject
    Authentication authentication;

    @Inject
    SecondFactors secondFactors;

    @Inject
    Passkeys passkeys;

    @Inject
    PasskeyStore store;

    @Inject
    SignInThrottle throttle;

    @Inject
    Client client;

    @Inject
    DatabaseIdentityStore passwords;

    /** The signed-in user's second factors. */
    public Factors factors() {
        return factors(authentication.recognisedUser());
    }

    Factors factors(User user) {
        return new Factors(user.isTwoStep(), store.any(user.getId()));
    }

    /**
     * Whether the signed-in user may make this change: Done, or why not (WrongPassword, HeldBack,
     * SecondFactorNeeded, WrongCode, RecoveryCodeRefused, PasskeyRefused, Expired: the passkey's
     * challenge was used or is too old).
     */
    public Outcome check(Purpose purpose, String password, Proof proof) {
        User user = authentication.recognisedUser();
        Outcome check = checkPassword(user, password == null ? "" : password);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        Factors factors = factors(user);
        if (!factors.any()) {
            return check;
        }
        if (proof.passkey() != null) {
            return byPasskey(user, purpose, proof.passkey());
        }
        if (factors.app() && !proof.code().isBlank()) {
            return byCode(user, purpose, proof.code());
        }
        authentication.fire(client, Kind.SECOND_FACTOR_REQUIRED, user.getId(), null);
        return new Outcome.SecondFactorNeeded();
    }

    /** Whether the signed-in user must set up a second factor before anything else ({@code signin.two-step.required}). */
    public boolean setUpRequired() {
        return authentication.mustSetUpSecondFactor(authentication.recognisedUser());
    }

    /** Options for a passkey's answer to this change (the user's passkeys allowed); empty if the user has none. */
    public Optional<Passkeys.ConfirmationOptions> passkeyOptions(Purpose purpose) {
        User user = authentication.recognisedUser();
        return store.any(user.getId()) ? Optional.of(passkeys.confirmationOptions(user, purpose.id())) : Optional.empty();
    }

    private Outcome byPasskey(User user, Purpose purpose, Passkeys.Assertion assertion) {
        Passkeys.Checked checked = passkeys.verifyConfirmation(user, purpose.id(), assertion);
        if (checked.accepted()) {
            return new Outcome.Done();
        }
        authentication.fire(client, Kind.SECOND_FACTOR_REFUSED, user.getId(), null);
        return checked.expired() ? new Outcome.Expired() : new Outcome.PasskeyRefused();
    }

    /** A current password check, counted under the account (or this known browser) and this session. */
    Outcome checkPassword(User user, String password) {
        Optional<DeviceToken.Claims> device = authentication.cookies().deviceCookie().filter(claims -> SessionCookies.isFor(claims, user));
        SignInThrottle.Reservation reservation = throttle.reserve(List.of(
                device.map(d -> throttle.device(d.deviceId())).orElseGet(() -> throttle.account(user.getUsername())),
                throttle.session(authentication.signedIn().key())));
        if (reservation instanceof SignInThrottle.HeldBack held) {
            authentication.fire(client, Kind.PASSWORD_CHECK_THROTTLED, user.getId(), null);
            return new Outcome.HeldBack(held.delay());
        }
        if (!passwords.matches(user, password)) {
            authentication.fire(client, Kind.PASSWORD_CHECK_FAILURE, user.getId(), null);
            return new Outcome.WrongPassword();
        }
        throttle.succeeded((SignInThrottle.Reserved) reservation);
        return new Outcome.Done();
    }

    /** A code, counted under the account's codes (or this known browser's) and this session, as at sign-in. */
    private Outcome byCode(User user, Purpose purpose, String code) {
        if (!purpose.takesRecoveryCode() && RecoveryCodes.normalized(code).isPresent()) {
            // Refused before it is looked at: not used up, and no guess to count.
            authentication.fire(client, Kind.SECOND_FACTOR_REFUSED, user.getId(), null);
            return new Outcome.RecoveryCodeRefused();
        }
        Optional<DeviceToken.Claims> device = authentication.cookies().deviceCookie().filter(claims -> SessionCookies.isFor(claims, user));
        SignInThrottle.Reservation reservation = throttle.reserve(List.of(
                device.map(d -> throttle.code(user.getId(), d.deviceId())).orElseGet(() -> throttle.code(user.getId())),
                throttle.session(authentication.signedIn().key())));
        if (reservation instanceof SignInThrottle.HeldBack held) {
            authentication.fire(client, Kind.PASSWORD_CHECK_THROTTLED, user.getId(), null);
            return new Outcome.HeldBack(held.delay());
        }
        SecondFactors.Used used = secondFactors.use(user, code);
        if (used == SecondFactors.Used.NOTHING) {
            authentication.fire(client, Kind.SECOND_FACTOR_REFUSED, user.getId(), null);
            return new Outcome.WrongCode();
        }
        throttle.succeeded((SignInThrottle.Reserved) reservation);
        if (used == SecondFactors.Used.RECOVERY_CODE) {
            authentication.fire(client, Kind.RECOVERY_CODE_USED, user.getId(), null);
        }
        return new Outcome.Done();
    }
}
