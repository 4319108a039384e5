package dev.signin.auth;

import dev.signin.auth.SecurityEvent.Kind;
import dev.signin.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * The signed-in user's two-step verification settings: setting up an authenticator app (with the
 * password), confirming it with a code, recovery codes, turning it off (with the password and a
 * code). What changes fires a {@link SecurityEvent}; the password and codes are throttled like
 * at sign-in.
 */
@ApplicationScoped
public class TwoStep {

    /** Where the user stands: off, being set up (with the key to show), or on. */
    public sealed interface Status {
    }

    public record Off() implements Status {
    }

    /** Set-up started: the key, as base32 and as the otpauth:// URI for the QR code. */
    public record SettingUp(String key, String uri) implements Status {
    }

    public record On(int recoveryCodesLeft) implements Status {
    }

    /** What a change that shows recovery codes ended with: the outcome, and the codes when done. */
    public record Codes(Outcome outcome, List<String> recoveryCodes) {
    }

    /** The name apps show beside the account. */
    static final String ISSUER = "signin";

    @Inject
    Authentication authentication;

    @Inject
    SecondFactors secondFactors;

    @Inject
    SignInThrottle throttle;

    @Inject
    Client client;

    public Status status() {
        User user = authentication.recognisedUser();
        if (user.isTwoStep()) {
            return new On(secondFactors.remainingRecoveryCodes(user.getId()));
        }
        return secondFactors.pendingKey(user)
                .<Status>map(key -> new SettingUp(Totp.base32(key), Totp.uri(ISSUER, user.getUsername(), key)))
                .orElseGet(Off::new);
    }

    /** Makes a new key to set up, after checking the password (a stolen session cannot add a factor and lock the owner out). */
    public Outcome start(String password) {
        User user = authentication.recognisedUser();
        Outcome check = authentication.checkPassword(user, password);
        if (check instanceof Outcome.Done && !user.isTwoStep()) {
            secondFactors.startSetup(user.getId());
        }
        return check;
    }

    /** Turns it on if the code is one of the key being set up; the recovery codes, to show once. */
    public Optional<List<String>> confirm(String code) {
        User user = authentication.recognisedUser();
        Optional<SecondFactors.Enabled> enabled = secondFactors.confirm(user.getId(), code == null ? "" : code.strip());
        enabled.ifPresent(e -> {
            // Remember-me cookies from before were issued after a password alone: all revoked; this browser keeps one.
            authentication.renewRememberMe(user.getId(), e.tokenVersion());
            authentication.fire(client, Kind.MFA_ENABLED, user.getId(), null);
        });
        return enabled.map(SecondFactors.Enabled::recoveryCodes);
    }

    /** Turns it off: needs the password and a current code (or a recovery code), both throttled. */
    public Outcome disable(String password, String code) {
        User user = authentication.recognisedUser();
        Outcome check = authentication.checkPassword(user, password);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        check = checkCode(user, code);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        if (secondFactors.disable(user.getId())) {
            authentication.fire(client, Kind.MFA_DISABLED, user.getId(), null);
        }
        return new Outcome.Done();
    }

    /** New recovery codes for the old ones, after checking the password. */
    public Codes regenerateRecoveryCodes(String password) {
        User user = authentication.recognisedUser();
        Outcome check = authentication.checkPassword(user, password);
        if (!(check instanceof Outcome.Done)) {
            return new Codes(check, List.of());
        }
        Optional<List<String>> codes = secondFactors.regenerateRecoveryCodes(user.getId());
        codes.ifPresent(c -> authentication.fire(client, Kind.RECOVERY_CODES_REGENERATED, user.getId(), null));
        return codes.map(c -> new Codes(check, c)).orElseGet(() -> new Codes(new Outcome.Superseded(), List.of()));
    }

    /** A code of a signed-in user, counted under the account's codes (or this known browser's) and this session. */
    private Outcome checkCode(User user, String code) {
        Optional<DeviceToken.Claims> device = authentication.deviceCookie().filter(claims -> Authentication.isFor(claims, user));
        SignInThrottle.Reservation reservation = throttle.reserve(List.of(
                device.map(d -> throttle.code(user.getId(), d.deviceId())).orElseGet(() -> throttle.code(user.getId())),
                throttle.session(authentication.signedIn().key())));
        if (reservation instanceof SignInThrottle.HeldBack held) {
            authentication.fire(client, Kind.PASSWORD_CHECK_THROTTLED, user.getId(), null);
            return new Outcome.HeldBack(held.delay());
        }
        SecondFactors.Used used = secondFactors.use(user, code);
        if (used == SecondFactors.Used.NOTHING) {
            authentication.fire(client, Kind.CODE_CHECK_FAILURE, user.getId(), null);
            return new Outcome.WrongCode();
        }
        throttle.succeeded((SignInThrottle.Reserved) reservation);
        if (used == SecondFactors.Used.RECOVERY_CODE) {
            authentication.fire(client, Kind.RECOVERY_CODE_USED, user.getId(), null);
        }
        return new Outcome.Done();
    }
}
