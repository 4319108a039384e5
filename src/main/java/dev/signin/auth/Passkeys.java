package dev.signin.auth;

import dev.signin.auth.SecurityEvent.Kind;
import dev.signin.auth.passkeys.PasskeyChallenges;
import dev.signin.auth.passkeys.PasskeyCodec;
import dev.signin.auth.passkeys.PasskeyStore;
import dev.signin.auth.passkeys.WebAuthnCeremonies;
import dev.signin.auth.session.Client;
import dev.signin.auth.session.Credentials;
import dev.signin.auth.session.DeviceToken;
import dev.signin.config.Settings;
import dev.signin.config.SignedValue;
import dev.signin.users.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Passkeys (WebAuthn discoverable credentials): adding one in the account settings and removing
 * one (after the password and, with a second factor on, a current one: {@link StepUp}), listing
 * them, signing in with one ({@link #signIn}), and checking one's
 * answer that confirms a change of the user's factors for {@link StepUp}. The browser asks for options (a challenge) first and
 * answers with what its authenticator made or signed; every challenge is good once, for five
 * minutes, for the browser it was given to ({@link PasskeyChallenges}).
 */
@ApplicationScoped
public class Passkeys {

    private static final Logger LOG = Logger.getLogger(Passkeys.class.getName());
    /** Longest fields accepted from the browser (base64url): ids up to 1023 bytes, generous for the rest. */
    static final int MAX_ID = 1400;
    static final int MAX_DATA = 16_000;
    public static final int MAX_NAME = 100;
    /** How long the browser lets the user take, in milliseconds: the challenge's lifetime. */
    public static final long TIMEOUT_MILLIS = PasskeyChallenges.TIMEOUT.toMillis();

    /** What the browser needs to make a passkey (navigator.credentials.create). */
    public record RegistrationOptions(String challenge, String rpId, String userHandle, String username, String displayName,
                                      List<String> excludeCredentials) {
    }

    /** The password check's outcome, and the options when it passed. */
    public record Offered(Outcome outcome, RegistrationOptions options) {
    }

    /** What the browser needs to sign in with any passkey of this site (navigator.credentials.get). */
    public record SignInOptions(String challenge, String rpId) {
    }

    /** What the browser needs to confirm a change with one of the user's passkeys (navigator.credentials.get). */
    public record ConfirmationOptions(String challenge, String rpId, List<String> credentialIds) {
    }

    /** What the browser sent after navigator.credentials.get, each binary value base64url. */
    public record Assertion(String credentialId, String userHandle, String authenticatorData, String clientDataJson, String signature) {
    }

    /** How adding a passkey ended. */
    public enum Added { ADDED, EXPIRED, REFUSED, ALREADY_THERE }

    @Inject
    Settings settings;

    @Inject
    PasskeyStore store;

    @Inject
    Authentication authentication;

    @Inject
    Client client;

    @Inject
    StepUp stepUp;

    @Inject
    Credentials credentials;

    Clock clock = Clock.systemUTC();
    private PasskeyChallenges challenges;
    private WebAuthnCeremonies ceremonies;

    @PostConstruct
    void init() {
        challenges = new PasskeyChallenges(new PasskeyChallenges.Rows() {
            @Override
            public void insert(PasskeyChallenges.Issued issued) {
                store.insertChallenge(issued.id(), PasskeyCodec.encode(issued.challenge()), issued.userId(), issued.purpose(),
                        issued.expiresAt());
            }

            @Override
            public Optional<PasskeyChallenges.Issued> take(String id) {
                return store.takeChallenge(id).map(row -> new PasskeyChallenges.Issued(id, PasskeyCodec.decode(row.challenge()),
                        row.userId(), row.purpose(), row.expiresAt()));
            }

            @Override
            public void deleteExpired(Instant now) {
                store.deleteExpiredChallenges(now);
            }
        }, new SignedValue(settings.secretKeys(), "signin.passkey-challenge"), clock);
        ceremonies = new WebAuthnCeremonies(settings.relyingParty());
    }

    /** The signed-in user's passkeys. */
    public List<PasskeyStore.Passkey> list() {
        return store.of(authentication.recognisedUser().getId());
    }

    /**
     * Options to add a passkey, after checking the password and, with a second factor on, a current
     * one ({@link StepUp}: a stolen session, or a password alone, cannot add a way back in). The
     * options only when the outcome is Done.
     */
    public Offered registrationOptions(String password, StepUp.Proof proof) {
        User user = authentication.recognisedUser();
        Outcome check = stepUp.check(StepUp.Purpose.ADD_PASSKEY, password, proof);
        if (!(check instanceof Outcome.Done)) {
            return new Offered(check, null);
        }
        PasskeyChallenges.Issued issued = challenges.issue(user.getId(), PasskeyChallenges.REGISTER);
        client.setCookie(PasskeyChallenges.COOKIE, challenges.cookie(issued), PasskeyChallenges.TIMEOUT);
        String handle = store.userHandle(user.getId()).orElseGet(PasskeyChallenges::random);
        return new Offered(check, new RegistrationOptions(PasskeyCodec.encode(issued.challenge()), settings.relyingParty().id(), handle,
                user.getUsername(), user.getDisplayName(), store.credentialIds(user.getId())));
    }

    /** Adds the passkey the browser made for the challenge it was given (the user handle is taken from the options, stored). */
    public Added add(String name, String userHandle, String clientDataJson, String attestationObject) {
        User user = authentication.recognisedUser();
        Optional<byte[]> challenge = challenges.take(client.cookie(PasskeyChallenges.COOKIE), user.getId(), PasskeyChallenges.REGISTER);
        client.removeCookie(PasskeyChallenges.COOKIE);
        if (challenge.isEmpty()) {
            return Added.EXPIRED;
        }
        Optional<byte[]> clientData = PasskeyCodec.field(clientDataJson, MAX_DATA);
        Optional<byte[]> attestation = PasskeyCodec.field(attestationObject, MAX_DATA);
        Optional<byte[]> handle = PasskeyCodec.field(userHandle, 100);
        String expectedHandle = store.userHandle(user.getId()).orElse(null);
        if (clientData.isEmpty() || attestation.isEmpty() || handle.isEmpty()
                || expectedHandle != null && !Arrays.equals(handle.get(), PasskeyCodec.decode(expectedHandle))) {
            authentication.fire(client, Kind.PASSKEY_REFUSED, user.getId(), null);
            return Added.REFUSED;
        }
        WebAuthnCeremonies.NewCredential credential;
        try {
            credential = ceremonies.register(challenge.get(), clientData.get(), attestation.get());
        } catch (WebAuthnCeremonies.Refused e) {
            LOG.log(Level.INFO, "A passkey of user {0} was not added: {1}", new Object[]{user.getId(), e.getMessage()});
            authentication.fire(client, Kind.PASSKEY_REFUSED, user.getId(), null);
            return Added.REFUSED;
        }
        String label = name == null || name.isBlank() ? "Passkey" : name.strip();
        label = label.length() > MAX_NAME ? label.substring(0, MAX_NAME) : label;
        if (!store.add(user.getId(), PasskeyCodec.encode(credential.credentialId()), PasskeyCodec.encode(handle.get()),
                PasskeyCodec.encode(credential.publicKey()), credential.signCount(), label, clock.instant())) {
            return Added.ALREADY_THERE;
        }
        authentication.fire(client, Kind.PASSKEY_ADDED, user.getId(), null);
        authentication.secondFactorOn(user.getId());
        return Added.ADDED;
    }

    /** Removes one of the user's passkeys after the password and a current second factor ({@link StepUp}); Superseded if there is no such passkey. */
    public Outcome remove(String id, String password, StepUp.Proof proof) {
        User user = authentication.recognisedUser();
        Outcome check = stepUp.check(StepUp.Purpose.REMOVE_PASSKEY, password, proof);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        if (id == null || id.length() > 43 || !store.remove(user.getId(), id)) {
            return new Outcome.Superseded();
        }
        authentication.fire(client, Kind.PASSKEY_REMOVED, user.getId(), null);
        return check;
    }

    /** Options for a sign-in with a passkey, no username needed; the challenge is bound to this browser by a signed cookie. */
    public SignInOptions signInOptions() {
        PasskeyChallenges.Issued issued = challenges.issue(null, PasskeyChallenges.SIGN_IN);
        client.setCookie(PasskeyChallenges.COOKIE, challenges.cookie(issued), PasskeyChallenges.TIMEOUT);
        return new SignInOptions(PasskeyCodec.encode(issued.challenge()), settings.relyingParty().id());
    }

    /** What checking a passkey sign-in found: the user it proves (accepted), or why not, with the passkey's owner when known. */
    record Checked(boolean accepted, boolean expired, Long userId) {
        static Checked late() {
            return new Checked(false, true, null);
        }

        static Checked refused(Long owner) {
            return new Checked(false, false, owner);
        }
    }

    /**
     * Signs in with a passkey, no username needed: the authenticator proved both possession of the
     * key and the user (a PIN or biometric), so it counts as two factors and skips the code step
     * ({@link Authentication#signInWithPasskey} comes here).
     * The challenge must be the one given to this browser, unused and in time. Expired when it is
     * not (start again); PasskeyRefused when the answer does not verify.
     */
    public Outcome signIn(Passkeys.Assertion assertion) {
        Passkeys.Checked checked = verifySignIn(assertion);
        if (!checked.accepted()) {
            authentication.fire(client, Kind.SIGN_IN_PASSKEY_FAILED, checked.userId(), null);
            return checked.expired() ? new Outcome.Expired() : new Outcome.PasskeyRefused();
        }
        long userId = checked.userId();
        Optional<Credentials.Started> started = credentials.startSession(userId, user -> true, client.address(), client.userAgent());
        if (started.isEmpty()) {
            authentication.fire(client, Kind.SIGN_IN_PASSKEY_FAILED, userId, null); // the account was deleted meanwhile
            return new Outcome.PasskeyRefused();
        }
        Optional<DeviceToken.Claims> device = authentication.cookies().deviceCookie().filter(claims -> claims.userId() == userId
                && claims.credentialVersion() == started.get().credentialVersion());
        authentication.cookies().begin(userId, started.get(), false, device, false);
        authentication.fire(client, Kind.SIGN_IN_PASSKEY, userId, null);
        return new Outcome.Done();
    }

    /** Checks a passkey sign-in and records its counter. This browser's challenge is used up either way. */
    Checked verifySignIn(Assertion assertion) {
        Optional<byte[]> challenge = challenges.take(client.cookie(PasskeyChallenges.COOKIE), null, PasskeyChallenges.SIGN_IN);
        client.removeCookie(PasskeyChallenges.COOKIE);
        return verify(challenge, assertion, null);
    }

    /**
     * Options for confirming one change with a passkey: a challenge for this user and this change
     * only, in a cookie of its own (a sign-in or registration going on in another tab keeps its own).
     */
    ConfirmationOptions confirmationOptions(User user, String change) {
        PasskeyChallenges.Issued issued = challenges.issue(user.getId(), PasskeyChallenges.stepUp(change));
        client.setCookie(PasskeyChallenges.STEP_UP_COOKIE, challenges.cookie(issued), PasskeyChallenges.TIMEOUT);
        return new ConfirmationOptions(PasskeyCodec.encode(issued.challenge()), settings.relyingParty().id(),
                store.credentialIds(user.getId()));
    }

    /**
     * Checks a passkey's answer confirming this change: to the challenge made for this user and
     * this change, by one of this user's passkeys. The challenge is used up either way.
     */
    Checked verifyConfirmation(User user, String change, Assertion assertion) {
        Optional<byte[]> challenge = challenges.take(client.cookie(PasskeyChallenges.STEP_UP_COOKIE), user.getId(),
                PasskeyChallenges.stepUp(change));
        client.removeCookie(PasskeyChallenges.STEP_UP_COOKIE);
        return verify(challenge, assertion, user.getId());
    }

    /** Verifies an answer to the challenge taken (empty: late), of a stored passkey (of this owner, unless null), and records its counter. */
    private Checked verify(Optional<byte[]> challenge, Assertion assertion, Long owner) {
        if (challenge.isEmpty()) {
            return Checked.late();
        }
        Optional<byte[]> credentialId = PasskeyCodec.field(assertion.credentialId(), MAX_ID);
        Optional<byte[]> userHandle = PasskeyCodec.field(assertion.userHandle(), 100);
        Optional<byte[]> authenticatorData = PasskeyCodec.field(assertion.authenticatorData(), MAX_DATA);
        Optional<byte[]> clientData = PasskeyCodec.field(assertion.clientDataJson(), MAX_DATA);
        Optional<byte[]> signature = PasskeyCodec.field(assertion.signature(), MAX_DATA);
        if (credentialId.isEmpty() || userHandle.isEmpty() || authenticatorData.isEmpty() || clientData.isEmpty() || signature.isEmpty()) {
            return Checked.refused(null);
        }
        Optional<PasskeyStore.Stored> stored = store.byCredentialId(PasskeyCodec.encode(credentialId.get()))
                // the account the authenticator names must be the passkey's owner (and, confirming a change, the user's)
                .filter(s -> Arrays.equals(PasskeyCodec.decode(s.userHandle()), userHandle.get()))
                .filter(s -> owner == null || s.userId() == owner);
        if (stored.isEmpty()) {
            return Checked.refused(null);
        }
        PasskeyStore.Stored passkey = stored.get();
        long count;
        try {
            count = ceremonies.authenticate(challenge.get(), credentialId.get(), userHandle.get(), authenticatorData.get(),
                    clientData.get(), signature.get(), PasskeyCodec.decode(passkey.publicKey()), passkey.signCount());
        } catch (WebAuthnCeremonies.Refused e) {
            LOG.log(Level.INFO, "A passkey answer of user {0} was refused: {1}", new Object[]{passkey.userId(), e.getMessage()});
            return Checked.refused(passkey.userId());
        }
        if (!store.used(passkey.id(), passkey.signCount(), count, clock.instant())) {
            LOG.log(Level.WARNING, "A passkey answer of user {0} was refused: the authenticator's counter did not go up "
                    + "(a cloned authenticator, or a replay)", passkey.userId());
            return Checked.refused(passkey.userId());
        }
        return new Checked(true, false, passkey.userId());
    }
}
