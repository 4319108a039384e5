package dev.signin.auth;

import dev.signin.auth.SecurityEvent.Kind;
import dev.signin.auth.passkeys.PasskeyStore;
import dev.signin.auth.session.Client.SessionHandle;
import dev.signin.auth.session.Client;
import dev.signin.auth.session.Credentials;
import dev.signin.auth.session.DeviceToken;
import dev.signin.auth.session.PendingSignIn;
import dev.signin.auth.session.SessionCookies;
import dev.signin.auth.session.SessionRegistry;
import dev.signin.auth.session.UserSession;
import dev.signin.auth.throttle.SignInThrottle;
import dev.signin.config.Settings;
import dev.signin.password.Argon2PasswordHash;
import dev.signin.users.User;
import dev.signin.users.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;
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

    public static final String REMEMBER_ME_COOKIE = SessionCookies.REMEMBER_ME_COOKIE;
    public static final String DEVICE_COOKIE = SessionCookies.DEVICE_COOKIE;

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
    Passkeys passkeys;

    @Inject
    TwoStep twoStep;

    @Inject
    StepUp stepUp;

    @Inject
    PasskeyStore passkeyStore;

    @Inject
    Event<SecurityEvent> events;

    Clock clock = Clock.systemUTC();
    SessionCookies cookies;
    Recognition recognition;
    SessionEnding ending;

    @PostConstruct
    void init() {
        cookies = new SessionCookies(client, settings, users, clock);
        recognition = new Recognition(this, sessions, users, credentials, cookies);
        ending = new SessionEnding(this, client, sessions, credentials, cookies, events, clock);
    }

    /**
     * Who the caller of this request is: the user of a session the registry still holds valid, or
     * else the bearer of a valid remember-me cookie (who gets a new session). Called once per
     * request by the authentication mechanism, with the request's client.
     */
    public Optional<User> recognise(Client caller) {
        return recognition.recognise(caller);
    }

    /**
     * Signs in with a username and password. The attempt is counted by the throttle before the
     * password is hashed; the session starts only if the credentials are still the ones checked.
     */
    public Outcome signIn(String username, String password, boolean remember) {
        String attempted = User.attempted(username);
        Optional<DeviceToken.Claims> device = cookies.deviceCookie().filter(claims ->
                users.findByUsername(attempted).filter(user -> SessionCookies.isFor(claims, user)).isPresent());
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
        cookies.begin(checked.getId(), started.get(), remember, device, required);
        fire(client, Kind.SIGN_IN_SUCCESS, checked.getId(), null);
        return new Outcome.Done();
    }

    /** Whether this browser has a sign-in waiting for its code, in time ({@link TwoStep#awaitsCode}). */
    public boolean awaitsCode() {
        return twoStep.awaitsCode();
    }

    /** The second step of a sign-in, a code ({@link TwoStep#completeSignIn}). */
    public Outcome completeSignIn(String code) {
        return twoStep.completeSignIn(code);
    }

    /** Signs in with a passkey ({@link Passkeys#signIn}). */
    public Outcome signInWithPasskey(Passkeys.Assertion assertion) {
        return passkeys.signIn(assertion);
    }

    /** Starts the session of a user who has just signed up. */
    public void signedUp(User user) {
        Credentials.Started started = credentials.startSession(user.getId(), created -> true, client.address(), client.userAgent())
                .orElseThrow(() -> new IllegalStateException("the new account " + user.getId() + " is gone"));
        cookies.begin(user.getId(), started, false, Optional.empty(), settings.twoStepRequired());
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
        cookies.leave();
    }

    /** What ending a session by its key did. */
    public enum Ended { THIS_SESSION, OTHER_SESSION, NOT_FOUND }

    /** Ends one of the user's sessions ({@link SessionEnding#endSession}). */
    public Ended endSession(String key) {
        return ending.endSession(key);
    }

    /** Ends every other session of the user ({@link SessionEnding#endOtherSessions}); how many ended. */
    public int endOtherSessions() {
        return ending.endOtherSessions();
    }

    /**
     * Replaces the password after checking the current one (throttled like sign-in). Every session
     * of the user ends; this browser continues in a new one.
     */
    public Outcome changePassword(String currentPassword, String newPassword) {
        User user = recognisedUser();
        Outcome check = stepUp.checkPassword(user, currentPassword);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        String hash = passwordHash.generate(newPassword.toCharArray());
        Optional<Credentials.Started> started = credentials.changePassword(user.getId(), user.getCredentialVersion(), hash,
                client.address(), client.userAgent());
        if (started.isEmpty()) {
            return new Outcome.Superseded();
        }
        cookies.begin(user.getId(), started.get(), client.cookie(REMEMBER_ME_COOKIE).isPresent(),
                cookies.deviceCookie().filter(claims -> SessionCookies.isFor(claims, user)), false);
        fire(client, Kind.PASSWORD_CHANGED, user.getId(), null);
        return new Outcome.Done();
    }

    /** Deletes the account after checking the password (throttled like sign-in), and signs out. */
    public Outcome deleteAccount(String currentPassword) {
        User user = recognisedUser();
        Outcome check = stepUp.checkPassword(user, currentPassword);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        if (!credentials.delete(user.getId(), user.getCredentialVersion())) {
            return new Outcome.Superseded();
        }
        fire(client, Kind.ACCOUNT_DELETED, user.getId(), null);
        cookies.leave();
        return new Outcome.Done();
    }

    /** The container dropped a session by itself ({@link SessionEnding#expired}). */
    public void expired(long userId, String key, String sessionId) {
        ending.expired(userId, key, sessionId);
    }

    /** The signed-in user's active sessions, newest first. */
    public List<UserSession> activeSessions() {
        return sessions.active(signedIn().userId());
    }

    /** The registry key of this browser's session, to mark it in the list. */
    public Optional<String> currentSessionKey() {
        return client.session().map(SessionHandle::key);
    }

    /** The browser's side of this session: its start, its end, and the cookies that outlive it. */
    SessionCookies cookies() {
        return cookies;
    }

    /**
     * With {@code signin.two-step.required}: whether this account has no second factor yet (no
     * authenticator app, no passkey), so that its session reaches only the set-up of one.
     */
    public boolean mustSetUpSecondFactor(User user) {
        return settings.twoStepRequired() && !user.isTwoStep() && !passkeyStore.any(user.getId());
    }

    /** A second factor was just turned on in this session: the cookies held back at its sign-in come now. */
    void secondFactorOn(long userId) {
        cookies.secondFactorOn(userId);
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
