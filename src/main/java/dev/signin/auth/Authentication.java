package dev.signin.auth;

import dev.signin.auth.passkeys.PasskeyStore;
import dev.signin.auth.session.Client;
import dev.signin.auth.session.Credentials;
import dev.signin.auth.session.DeviceToken;
import dev.signin.auth.session.PendingSignIn;
import dev.signin.auth.session.RememberMeToken;
import dev.signin.auth.session.SessionRegistry;
import dev.signin.auth.session.UserSession;
import dev.signin.auth.throttle.SignInThrottle;
import dev.signin.auth.twostep.SecondFactors;
import dev.signin.auth.session.Client.SessionHandle;
import dev.signin.auth.SecurityEvent.Kind;
import dev.signin.config.Settings;
import dev.signin.password.Argon2PasswordHash;
import dev.signin.users.User;
import dev.signin.users.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one boundary for a session's life: recognising the caller, signing in (by password or
 * remember-me cookie) and after sign-up, signing out, ending sessions, changing the password and
 * deleting the account. Controllers call it and choose a view; the browser is reached only
 * through {@link Client}. Each step fires one {@link SecurityEvent}: the audit log and the metrics
 * observe those.
 */
@ApplicationScoped
public class Authentication {

    public static final String REMEMBER_ME_COOKIE = "signin_remember";
    public static final String DEVICE_COOKIE = "signin_device";
    /** How long a browser stays known after its last successful sign-in. */
    static final Duration DEVICE_LIFETIME = Duration.ofDays(365);

    @Inject
    Client client;

    @Inject
    Settings settings;

    @Inject
    UserRepository users;

    @Inject
    DatabaseIdentityStore passwords;

    @Inject
    Argon2PasswordHash passwordHash;

    @Inject
    SignInThrottle throttle;

    @Inject
    SessionRegistry sessions;

    @Inject
    Credentials credentials;

    @Inject
    SecondFactors secondFactors;

    @Inject
    Passkeys passkeys;

    @Inject
    PasskeyStore passkeyStore;

    @Inject
    Event<SecurityEvent> events;

    Clock clock = Clock.systemUTC();
    private RememberMeToken rememberMeTokens;
    private DeviceToken deviceTokens;

    @PostConstruct
    void init() {
        rememberMeTokens = new RememberMeToken(settings.secretKeys(), clock);
        deviceTokens = new DeviceToken(settings.secretKeys(), clock);
    }

    /**
     * Who the caller of this request is: the user of a session the registry still holds valid, or
     * else the bearer of a valid remember-me cookie (who gets a new session). Called once per
     * request by the authentication mechanism, with the request's client.
     */
    public Optional<User> recognise(Client caller) {
        Optional<User> user = caller.session().flatMap(handle -> fromSession(caller, handle));
        if (user.isEmpty()) {
            user = fromRememberMeCookie(caller);
        }
        user.ifPresent(caller::recognised);
        return user;
    }

    private Optional<User> fromSession(Client caller, SessionHandle handle) {
        if (!sessions.isValid(handle.key(), handle.userId())) {
            caller.endSession();
            return Optional.empty();
        }
        Optional<User> user = users.findById(handle.userId());
        if (user.isEmpty()) {
            sessions.end(handle.key(), SessionRegistry.Reason.ACCOUNT_GONE);
            caller.endSession();
        }
        return user;
    }

    private Optional<User> fromRememberMeCookie(Client caller) {
        Optional<String> cookie = caller.cookie(REMEMBER_ME_COOKIE);
        if (cookie.isEmpty()) {
            return Optional.empty();
        }
        Optional<RememberMeToken.Claims> claims = rememberMeTokens.verify(cookie.get());
        Optional<Credentials.Started> started = claims.flatMap(c -> credentials.startSession(c.userId(),
                user -> user.getTokenVersion() == c.tokenVersion(), caller.address(), caller.userAgent()));
        if (started.isEmpty()) {
            caller.removeCookie(REMEMBER_ME_COOKIE); // tampered, expired or revoked
            return Optional.empty();
        }
        long userId = claims.get().userId();
        caller.startSession(new SessionHandle(userId, started.get().key()));
        fire(caller, Kind.SIGN_IN_REMEMBERED, userId, null);
        return users.findById(userId);
    }

    /**
     * Signs in with a username and password. The attempt is counted by the throttle before the
     * password is hashed; the session starts only if the credentials are still the ones checked.
     */
    public Outcome signIn(String username, String password, boolean remember) {
        String attempted = User.attempted(username);
        Optional<DeviceToken.Claims> device = deviceCookie().filter(claims ->
                users.findByUsername(attempted).filter(user -> isFor(claims, user)).isPresent());
        SignInThrottle.Reservation reservation = throttle.reserve(device.isPresent()
                ? List.of(throttle.device(device.get().deviceId()))
                : List.of(throttle.account(attempted), throttle.address(client.address())));
        if (reservation instanceof SignInThrottle.HeldBack held) {
            fire(client, Kind.SIGN_IN_THROTTLED, null, attempted);
            return new Outcome.HeldBack(held.delay());
        }
        // A hash refused as busy throws here: the attempt stays counted, it is no free guess.
        Optional<User> user = passwords.check(attempted, password);
        if (user.isEmpty()) {
            fire(client, Kind.SIGN_IN_FAILURE, null, attempted);
            return new Outcome.WrongPassword();
        }
        throttle.succeeded((SignInThrottle.Reserved) reservation);
        User checked = user.get();
        boolean required = settings.twoStepRequired();
        if (checked.isTwoStep()) {
            // No session and no cookie yet: only the waiting sign-in, bound to this browser, for a few minutes.
            client.holdPendingSignIn(new PendingSignIn(checked.getId(), checked.getCredentialVersion(), remember,
                    clock.instant().plus(PendingSignIn.TIMEOUT)));
            fire(client, Kind.SIGN_IN_CODE_REQUIRED, checked.getId(), null);
            return new Outcome.CodeNeeded();
        }
        if (required && passkeyStore.any(checked.getId())) {
            // A second factor is required and this account's is a passkey: the password alone is no way in.
            fire(client, Kind.SIGN_IN_PASSKEY_REQUIRED, checked.getId(), null);
            return new Outcome.PasskeyNeeded();
        }
        Optional<Credentials.Started> started = credentials.startSession(checked.getId(),
                locked -> locked.getCredentialVersion() == checked.getCredentialVersion(), client.address(), client.userAgent());
        if (started.isEmpty()) {
            // The right password, but the credentials changed meanwhile: worth a line in the audit log.
            fire(client, Kind.SIGN_IN_SUPERSEDED, checked.getId(), null);
            return new Outcome.Superseded();
        }
        // With a second factor required this account has none yet: a session that reaches only its set-up.
        begin(checked.getId(), started.get(), remember, device, required);
        fire(client, Kind.SIGN_IN_SUCCESS, checked.getId(), null);
        return new Outcome.Done();
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
        Optional<DeviceToken.Claims> device = deviceCookie().filter(claims -> isFor(claims, account));
        SignInThrottle.Reservation reservation = throttle.reserve(device.isPresent()
                ? List.of(throttle.code(account.getId(), device.get().deviceId()))
                : List.of(throttle.code(account.getId()), throttle.address(client.address())));
        if (reservation instanceof SignInThrottle.HeldBack held) {
            fire(client, Kind.SIGN_IN_CODE_THROTTLED, account.getId(), null);
            return new Outcome.HeldBack(held.delay());
        }
        SecondFactors.Used used = secondFactors.use(account, code);
        if (used == SecondFactors.Used.NOTHING) {
            fire(client, Kind.SIGN_IN_CODE_FAILED, account.getId(), null);
            return new Outcome.WrongCode();
        }
        throttle.succeeded((SignInThrottle.Reserved) reservation);
        if (used == SecondFactors.Used.RECOVERY_CODE) {
            fire(client, Kind.RECOVERY_CODE_USED, account.getId(), null);
        }
        Optional<Credentials.Started> started = credentials.startSession(account.getId(),
                locked -> locked.isTwoStep() && locked.getCredentialVersion() == pending.credentialVersion(),
                client.address(), client.userAgent());
        if (started.isEmpty()) {
            client.dropPendingSignIn();
            fire(client, Kind.SIGN_IN_SUPERSEDED, account.getId(), null);
            return new Outcome.Superseded();
        }
        begin(account.getId(), started.get(), pending.remember(), device, false);
        fire(client, Kind.SIGN_IN_SUCCESS, account.getId(), null);
        return new Outcome.Done();
    }

    /**
     * Signs in with a passkey, no username needed: the authenticator proved both possession of the
     * key and the user (a PIN or biometric), so it counts as two factors and skips the code step.
     * The challenge must be the one given to this browser, unused and in time. Expired when it is
     * not (start again); PasskeyRefused when the answer does not verify.
     */
    public Outcome signInWithPasskey(Passkeys.Assertion assertion) {
        Passkeys.Checked checked = passkeys.verifySignIn(assertion);
        if (!checked.accepted()) {
            fire(client, Kind.SIGN_IN_PASSKEY_FAILED, checked.userId(), null);
            return checked.expired() ? new Outcome.Expired() : new Outcome.PasskeyRefused();
        }
        long userId = checked.userId();
        Optional<Credentials.Started> started = credentials.startSession(userId, user -> true, client.address(), client.userAgent());
        if (started.isEmpty()) {
            fire(client, Kind.SIGN_IN_PASSKEY_FAILED, userId, null); // the account was deleted meanwhile
            return new Outcome.PasskeyRefused();
        }
        Optional<DeviceToken.Claims> device = deviceCookie().filter(claims -> claims.userId() == userId
                && claims.credentialVersion() == started.get().credentialVersion());
        begin(userId, started.get(), false, device, false);
        fire(client, Kind.SIGN_IN_PASSKEY, userId, null);
        return new Outcome.Done();
    }

    /** Starts the session of a user who has just signed up. */
    public void signedUp(User user) {
        Credentials.Started started = credentials.startSession(user.getId(), created -> true, client.address(), client.userAgent())
                .orElseThrow(() -> new IllegalStateException("the new account " + user.getId() + " is gone"));
        begin(user.getId(), started, false, Optional.empty(), settings.twoStepRequired());
        fire(client, Kind.SIGN_UP, user.getId(), null);
    }

    /**
     * Counts a sign-up attempt from this client's address: each one that reaches the username's
     * availability can tell whether an account exists, so they are limited like sign-in failures
     * (and never given back). Empty when the attempt may go on.
     */
    public Optional<Outcome.HeldBack> admitSignUp() {
        SignInThrottle.Reservation reservation = throttle.reserve(List.of(throttle.signUp(client.address())));
        if (reservation instanceof SignInThrottle.HeldBack held) {
            fire(client, Kind.SIGN_UP_THROTTLED, null, null);
            return Optional.of(new Outcome.HeldBack(held.delay()));
        }
        return Optional.empty();
    }

    /** Ends this session and revokes every remember-me cookie of the user. */
    public void signOut() {
        Optional<SessionHandle> handle = client.session();
        fire(client, Kind.SIGN_OUT, handle.map(SessionHandle::userId).orElse(null), null);
        handle.ifPresent(h -> {
            credentials.revokeRememberMe(h.userId());
            sessions.end(h.key(), SessionRegistry.Reason.SIGNED_OUT);
        });
        leave();
    }

    /** What ending a session by its key did. */
    public enum Ended { THIS_SESSION, OTHER_SESSION, NOT_FOUND }

    /** Ends one of the user's sessions (this one signs out); its browser cannot come back through a remember-me cookie. */
    public Ended endSession(String key) {
        SessionHandle handle = signedIn();
        if (key == null || key.length() > UserSession.MAX_KEY || !sessions.endOwned(handle.userId(), key, SessionRegistry.Reason.ENDED_BY_USER)) {
            return Ended.NOT_FOUND;
        }
        fire(client, Kind.SESSION_ENDED, handle.userId(), null);
        Optional<Integer> tokenVersion = credentials.revokeRememberMe(handle.userId());
        if (key.equals(handle.key())) {
            leave();
            return Ended.THIS_SESSION;
        }
        tokenVersion.ifPresent(version -> renewRememberMe(handle.userId(), version));
        return Ended.OTHER_SESSION;
    }

    /** Ends every other session of the user and voids every other cookie and sign-in in progress; how many ended. */
    public int endOtherSessions() {
        SessionHandle handle = signedIn();
        Optional<Credentials.OthersEnded> ended = credentials.endOtherSessions(handle.userId(), handle.key());
        ended.ifPresent(e -> {
            renewRememberMe(handle.userId(), e.tokenVersion());
            renewDevice(handle.userId(), e.credentialVersion());
            fire(client, Kind.OTHER_SESSIONS_ENDED, handle.userId(), null);
        });
        return ended.map(Credentials.OthersEnded::count).orElse(0);
    }

    /**
     * Replaces the password after checking the current one (throttled like sign-in). Every session
     * of the user ends; this browser continues in a new one.
     */
    public Outcome changePassword(String currentPassword, String newPassword) {
        User user = recognisedUser();
        Outcome check = checkPassword(user, currentPassword);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        String hash = passwordHash.generate(newPassword.toCharArray());
        Optional<Credentials.Started> started = credentials.changePassword(user.getId(), user.getCredentialVersion(), hash,
                client.address(), client.userAgent());
        if (started.isEmpty()) {
            return new Outcome.Superseded();
        }
        begin(user.getId(), started.get(), client.cookie(REMEMBER_ME_COOKIE).isPresent(),
                deviceCookie().filter(claims -> isFor(claims, user)), false);
        fire(client, Kind.PASSWORD_CHANGED, user.getId(), null);
        return new Outcome.Done();
    }

    /** Deletes the account after checking the password (throttled like sign-in), and signs out. */
    public Outcome deleteAccount(String currentPassword) {
        User user = recognisedUser();
        Outcome check = checkPassword(user, currentPassword);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        if (!credentials.delete(user.getId(), user.getCredentialVersion())) {
            return new Outcome.Superseded();
        }
        fire(client, Kind.ACCOUNT_DELETED, user.getId(), null);
        leave();
        return new Outcome.Done();
    }

    /** The container dropped a session by itself (idle timeout): marks it ended, if it was still going. */
    public void expired(long userId, String key, String sessionId) {
        if (sessions.end(key, SessionRegistry.Reason.EXPIRED)) {
            events.fire(new SecurityEvent(Kind.SESSION_EXPIRED, clock.instant(), userId, null, "-", sessionId));
        }
    }

    /** The signed-in user's active sessions, newest first. */
    public List<UserSession> activeSessions() {
        return sessions.active(signedIn().userId());
    }

    /** The registry key of this browser's session, to mark it in the list. */
    public Optional<String> currentSessionKey() {
        return client.session().map(SessionHandle::key);
    }

    /** A current password check, counted under the account (or this known browser) and this session. */
    Outcome checkPassword(User user, String password) {
        Optional<DeviceToken.Claims> device = deviceCookie().filter(claims -> isFor(claims, user));
        SignInThrottle.Reservation reservation = throttle.reserve(List.of(
                device.map(d -> throttle.device(d.deviceId())).orElseGet(() -> throttle.account(user.getUsername())),
                throttle.session(signedIn().key())));
        if (reservation instanceof SignInThrottle.HeldBack held) {
            fire(client, Kind.PASSWORD_CHECK_THROTTLED, user.getId(), null);
            return new Outcome.HeldBack(held.delay());
        }
        if (!passwords.matches(user, password)) {
            fire(client, Kind.PASSWORD_CHECK_FAILURE, user.getId(), null);
            return new Outcome.WrongPassword();
        }
        throttle.succeeded((SignInThrottle.Reserved) reservation);
        return new Outcome.Done();
    }

    /** This browser's device cookie, if we signed it and it has not expired. */
    Optional<DeviceToken.Claims> deviceCookie() {
        return client.cookie(DEVICE_COOKIE).flatMap(deviceTokens::verify);
    }

    /** Whether a device cookie makes the browser known for this account as it is now (not revoked by a change). */
    static boolean isFor(DeviceToken.Claims claims, User user) {
        return claims.userId() == user.getId() && claims.credentialVersion() == user.getCredentialVersion();
    }

    /**
     * With {@code signin.two-step.required}: whether this account has no second factor yet (no
     * authenticator app, no passkey), so that its session reaches only the set-up of one.
     */
    public boolean mustSetUpSecondFactor(User user) {
        return settings.twoStepRequired() && !user.isTwoStep() && !passkeyStore.any(user.getId());
    }

    /**
     * A second factor was just turned on in this session: the cookies held back at its sign-in
     * (a second factor was required and there was none) come now, remember-me if it was asked for.
     */
    void secondFactorOn(long userId) {
        client.takeHeldCookies().ifPresent(remember -> users.findById(userId).ifPresent(user -> {
            if (remember) {
                issueRememberMe(userId, user.getTokenVersion());
            }
            issueDevice(userId, user.getCredentialVersion(), deviceCookie().filter(claims -> claims.userId() == userId)
                    .map(DeviceToken.Claims::deviceId).orElseGet(DeviceToken::newDeviceId));
        }));
    }

    /**
     * The browser's side of a session that has just started: the session, and its cookies; or,
     * when a required second factor is still to be set up (hold), no cookie until it is.
     */
    private void begin(long userId, Credentials.Started started, boolean remember, Optional<DeviceToken.Claims> device, boolean hold) {
        client.startSession(new SessionHandle(userId, started.key()));
        if (hold) {
            client.holdCookies(remember);
            return;
        }
        if (remember) {
            issueRememberMe(userId, started.tokenVersion());
        }
        issueDevice(userId, started.credentialVersion(), device.map(DeviceToken.Claims::deviceId).orElseGet(DeviceToken::newDeviceId));
    }

    /** What every way of ending this browser's session leaves behind: no remember-me cookie, no session, no site data. */
    private void leave() {
        client.removeCookie(REMEMBER_ME_COOKIE);
        client.endSession();
        client.clearSiteData();
    }

    /** A browser that had a remember-me cookie keeps one, of the new token version. */
    void renewRememberMe(long userId, int tokenVersion) {
        if (client.cookie(REMEMBER_ME_COOKIE).isPresent()) {
            issueRememberMe(userId, tokenVersion);
        }
    }

    /** A known browser stays known after its own change of credentials. */
    private void renewDevice(long userId, int credentialVersion) {
        deviceCookie().filter(claims -> claims.userId() == userId)
                .ifPresent(claims -> issueDevice(userId, credentialVersion, claims.deviceId()));
    }

    private void issueRememberMe(long userId, int tokenVersion) {
        Duration lifetime = settings.rememberMe();
        client.setCookie(REMEMBER_ME_COOKIE, rememberMeTokens.sign(
                new RememberMeToken.Claims(userId, tokenVersion, clock.instant().plus(lifetime))), lifetime);
    }

    private void issueDevice(long userId, int credentialVersion, String deviceId) {
        client.setCookie(DEVICE_COOKIE, deviceTokens.sign(
                new DeviceToken.Claims(userId, credentialVersion, deviceId, clock.instant().plus(DEVICE_LIFETIME))), DEVICE_LIFETIME);
    }

    SessionHandle signedIn() {
        return client.session().orElseThrow(() -> new IllegalStateException("no signed-in session"));
    }

    User recognisedUser() {
        return client.recognised().orElseThrow(() -> new IllegalStateException("no signed-in user"));
    }

    void fire(Client caller, Kind kind, Long userId, String username) {
        events.fire(new SecurityEvent(kind, clock.instant(), userId, username, caller.address(), caller.sessionId().orElse(null)));
    }
}
