package dev.signin.auth;

import dev.signin.auth.SecurityEvent.Kind;
import dev.signin.auth.session.Client;
import dev.signin.auth.session.Credentials;
import dev.signin.auth.session.DeviceToken;
import dev.signin.auth.session.PendingSignIn;
import dev.signin.auth.session.SessionCookies;
import dev.signin.auth.throttle.SignInThrottle;
import dev.signin.auth.twostep.SecondFactors;
import dev.signin.auth.twostep.Totp;
import dev.signin.users.User;
import dev.signin.users.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The signed-in user's two-step verification settings: setting up an authenticator app, confirming
 * it with a code, new recovery codes, turning it off. Each change but the confirmation needs the
 * password and, with a second factor on, a current one ({@link StepUp}). What changes fires a
 * {@link SecurityEvent}. And the second step of a sign-in by password, the code
 * ({@link Authentication#completeSignIn} comes here).
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
    StepUp stepUp;

    @Inject
    Client client;

    @Inject
    UserRepository users;

    @Inject
    SignInThrottle throttle;

    @Inject
    Credentials credentials;

    Clock clock = Clock.systemUTC();

    public Status status() {
        User user = authentication.recognisedUser();
        if (user.isTwoStep()) {
            return new On(secondFactors.remainingRecoveryCodes(user.getId()));
        }
        return secondFactors.pendingKey(user)
                .<Status>map(key -> new SettingUp(Totp.base32(key), Totp.uri(ISSUER, user.getUsername(), key)))
                .orElseGet(Off::new);
    }

    /**
     * Makes a new key to set up, after the password (a stolen session cannot add a factor and lock
     * the owner out) and, when a passkey is the factor, a passkey's answer.
     */
    public Outcome start(String password, StepUp.Proof proof) {
        User user = authentication.recognisedUser();
        Outcome check = stepUp.check(StepUp.Purpose.SET_UP_APP, password, proof);
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
            authentication.cookies().renewRememberMe(user.getId(), e.tokenVersion());
            authentication.fire(client, Kind.MFA_ENABLED, user.getId(), null);
            authentication.secondFactorOn(user.getId());
        });
        return enabled.map(SecondFactors.Enabled::recoveryCodes);
    }

    /** Turns it off: needs the password and a current code, a passkey's answer or a recovery code. */
    public Outcome disable(String password, StepUp.Proof proof) {
        User user = authentication.recognisedUser();
        Outcome check = stepUp.check(StepUp.Purpose.TURN_OFF_TWO_STEP, password, proof);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        if (secondFactors.disable(user.getId())) {
            authentication.fire(client, Kind.MFA_DISABLED, user.getId(), null);
        }
        return new Outcome.Done();
    }

    /** New recovery codes for the old ones, after the password and a current code or passkey's answer (not a recovery code). */
    public Codes regenerateRecoveryCodes(String password, StepUp.Proof proof) {
        User user = authentication.recognisedUser();
        Outcome check = stepUp.check(StepUp.Purpose.NEW_RECOVERY_CODES, password, proof);
        if (!(check instanceof Outcome.Done)) {
            return new Codes(check, List.of());
        }
        Optional<List<String>> codes = secondFactors.regenerateRecoveryCodes(user.getId());
        codes.ifPresent(c -> authentication.fire(client, Kind.RECOVERY_CODES_REGENERATED, user.getId(), null));
        return codes.map(c -> new Codes(check, c)).orElseGet(() -> new Codes(new Outcome.Superseded(), List.of()));
    }

    /** Whether this browser has a sign-in waiting for its code, in time; an expired one is forgotten. */
    public boolean awaitsCode() {
        Optional<PendingSignIn> pending = client.pendingSignIn();
        if (pending.isPresent() && !pending.get().isLive(clock.instant())) {
            client.dropPendingSignIn();
            return false;
        }
        return pending.isPresent();
    }

    /**
     * The second step of a sign-in: a code of the account's authenticator app, or one of its
     * recovery codes. Wrong codes are throttled like passwords, under the account (or this known
     * browser) and the client address, apart from the password's count. When the code is right the
     * session starts under a new id, with the cookies the password step held back.
     */
    public Outcome completeSignIn(String code) {
        Optional<PendingSignIn> waiting = client.pendingSignIn().filter(p -> p.isLive(clock.instant()));
        Optional<User> user = waiting.flatMap(p -> users.findById(p.userId()))
                .filter(u -> u.isTwoStep() && u.getCredentialVersion() == waiting.get().credentialVersion());
        if (user.isEmpty()) {
            client.dropPendingSignIn(); // timed out, or the account changed meanwhile: start again
            return new Outcome.Expired();
        }
        PendingSignIn pending = waiting.get();
        User account = user.get();
        Optional<DeviceToken.Claims> device = authentication.cookies().deviceCookie().filter(claims -> SessionCookies.isFor(claims, account));
        SignInThrottle.Reservation reservation = throttle.reserve(device.isPresent()
                ? List.of(throttle.code(account.getId(), device.get().deviceId()))
                : List.of(throttle.code(account.getId()), throttle.address(client.address())));
        if (reservation instanceof SignInThrottle.HeldBack held) {
            authentication.fire(client, Kind.SIGN_IN_CODE_THROTTLED, account.getId(), null);
            return new Outcome.HeldBack(held.delay());
        }
        SecondFactors.Used used = secondFactors.use(account, code);
        if (used == SecondFactors.Used.NOTHING) {
            authentication.fire(client, Kind.SIGN_IN_CODE_FAILED, account.getId(), null);
            return new Outcome.WrongCode();
        }
        throttle.succeeded((SignInThrottle.Reserved) reservation);
        if (used == SecondFactors.Used.RECOVERY_CODE) {
            authentication.fire(client, Kind.RECOVERY_CODE_USED, account.getId(), null);
        }
        Optional<Credentials.Started> started = credentials.startSession(account.getId(),
                locked -> locked.isTwoStep() && locked.getCredentialVersion() == pending.credentialVersion(),
                client.address(), client.userAgent());
        if (started.isEmpty()) {
            client.dropPendingSignIn();
            authentication.fire(client, Kind.SIGN_IN_SUPERSEDED, account.getId(), null);
            return new Outcome.Superseded();
        }
        authentication.cookies().begin(account.getId(), started.get(), pending.remember(), device, false);
        authentication.fire(client, Kind.SIGN_IN_SUCCESS, account.getId(), null);
        return new Outcome.Done();
    }
}
