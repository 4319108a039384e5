package dev.signin.account;

import dev.signin.auth.Outcome;
import dev.signin.auth.StepUp;
import dev.signin.web.pages.Views;
import jakarta.ws.rs.FormParam;

import java.util.Map;

/**
 * The second factor a form posts beside the password for a change of the factors ({@link StepUp}):
 * {@code code} (the app's code, or a recovery code where that is allowed), or a passkey's answer
 * ({@code credentialId}, {@code userHandle}, {@code authenticatorData}, {@code clientDataJSON},
 * {@code signature}, base64url, as /assets/passkeys.js posts them); and what a refusal tells the
 * user, at the field it belongs to.
 */
public class StepUpFields {

    static final String CODE_NEEDED = "Confirm it with a code from your authenticator app.";
    static final String CODE_OR_PASSKEY_NEEDED = "Confirm it with a code from your authenticator app, or with a passkey.";
    static final String PASSKEY_NEEDED = "Confirming this needs one of your passkeys: use “Confirm with a passkey”, "
            + "in a browser that supports passkeys with JavaScript on.";
    static final String WRONG_CODE = "That code is not right, or it was used already. Please try again.";
    static final String RECOVERY_CODE_REFUSED = "A recovery code can only turn two-step verification off. "
            + "Please use a code from your authenticator app.";
    static final String PASSKEY_REFUSED = "That passkey did not confirm it. Please try again.";
    static final String PASSKEY_LATE = "Confirming with the passkey took too long. Please try again.";

    @FormParam("code")
    String code;

    @FormParam("credentialId")
    String credentialId;

    @FormParam("userHandle")
    String userHandle;

    @FormParam("authenticatorData")
    String authenticatorData;

    @FormParam("clientDataJSON")
    String clientDataJson;

    @FormParam("signature")
    String signature;

    StepUp.Proof proof() {
        return StepUp.Proof.of(code, credentialId, userHandle, authenticatorData, clientDataJson, signature);
    }

    /** Why a change was refused, keyed by the field it belongs to: current, code or passkey. */
    static Map<String, String> errors(Outcome outcome, StepUp.Factors factors) {
        if (outcome instanceof Outcome.HeldBack held) {
            return Map.of("current", Views.heldBackMessage(held.seconds()));
        }
        if (outcome instanceof Outcome.SecondFactorNeeded) {
            return factors.app() ? Map.of("code", factors.passkey() ? CODE_OR_PASSKEY_NEEDED : CODE_NEEDED)
                    : Map.of("passkey", PASSKEY_NEEDED);
        }
        if (outcome instanceof Outcome.WrongCode) {
            return Map.of("code", WRONG_CODE);
        }
        if (outcome instanceof Outcome.RecoveryCodeRefused) {
            return Map.of("code", RECOVERY_CODE_REFUSED);
        }
        if (outcome instanceof Outcome.PasskeyRefused) {
            return Map.of("passkey", PASSKEY_REFUSED);
        }
        if (outcome instanceof Outcome.Expired) {
            return Map.of("passkey", PASSKEY_LATE);
        }
        return Map.of("current", SettingsPage.WRONG_CURRENT);
    }

    /** The first of the errors, for a JSON answer. */
    static String message(Outcome outcome, StepUp.Factors factors) {
        return errors(outcome, factors).values().iterator().next();
    }
}
