package dev.signin.auth;

import dev.signin.auth.passkeys.PasskeyStore;
import dev.signin.auth.session.Client.SessionHandle;
import dev.signin.auth.session.Client;
import dev.signin.auth.session.Credentials;
import dev.signin.auth.session.PendingSignIn;
import dev.signin.auth.session.SessionRegistry;
import dev.signin.auth.throttle.SignInThrottle;
import dev.signin.auth.twostep.SecondFactors;
import dev.signin.config.Mode;
import dev.signin.config.SecretKeys;
import dev.signin.config.Settings;
import dev.signin.password.Argon2PasswordHash;
import dev.signin.users.User;
import dev.signin.testing.MovableClock;
import dev.signin.users.UserRepository;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authentication core without a server: its collaborators are in memory, the browser is a {@link FakeClient}. */
class AuthenticationTest {

    static final String PASSWORD = "correct horse battery";
    static final SecretKeys KEYS = SecretKeys.load(Mode.PRODUCTION, Optional.of("unit-test-secret-0123456789-abcdefghijkl"),
            List.of(), Path.of("unused"));

    /** A browser: cookies it holds, the session the container keeps for it, and what the answer told it. */
    static class FakeClient implements Client {
        final Map<String, String> cookies = new HashMap<>();
        final Set<String> removedCookies = new LinkedHashSet<>();
        final Map<String, String> setCookies = new HashMap<>();
        Optional<SessionHandle> session = Optional.empty();
        String sessionId;
        int sessionsEnded;
        boolean siteDataCleared;
        User recognised;

        @Override public String address() { return "198.51.100.9"; }
        @Override public String userAgent() { return "JUnit"; }
        @Override public Optional<SessionHandle> session() { return session; }
        @Override public Optional<String> sessionId() { return Optional.ofNullable(sessionId); }
        @Override public void startSession(SessionHandle handle) { session = Optional.of(handle); pending = Optional.empty(); sessionId = "id-" + handle.key(); }
        @Override public void endSession() { session = Optional.empty(); pending = Optional.empty(); sessionId = null; sessionsEnded++; }
        Optional<PendingSignIn> pending = Optional.empty();
        @Override public void holdPendingSignIn(PendingSignIn p) { pending = Optional.of(p); sessionId = "pending-" + p.userId(); }
        @Override public Optional<PendingSignIn> pendingSignIn() { return session.isPresent() ? Optional.empty() : pending; }
        @Override public void dropPendingSignIn() { if (pending.isPresent() && session.isEmpty()) { endSession(); } pending = Optional.empty(); }
        Optional<Boolean> heldCookies = Optional.empty();
        @Override public void holdCookies(boolean rememberMe) { heldCookies = Optional.of(rememberMe); }
        @Override public Optional<Boolean> takeHeldCookies() { Optional<Boolean> held = heldCookies; heldCookies = Optional.empty(); return held; }
        @Override public Optional<String> cookie(String name) { return Optional.ofNullable(cookies.get(name)); }
        @Override public void setCookie(String name, String value, Duration maxAge) { setCookies.put(name, value); cookies.put(name, value); }
        @Override public void removeCookie(String name) { removedCookies.add(name); cookies.remove(name); }
        @Override public void clearSiteData() { siteDataCleared = true; }
        @Override public void recognised(User user) { recognised = user; }
        @Override public Optional<User> recognised() { return Optional.ofNullable(recognised); }
    }

    /** The throttle's decisions, chosen by the test; it records what was reserved and given back. */
    static class FakeThrottle extends SignInThrottle {
        Duration heldBack;
        final List<List<String>> reserved = new ArrayList<>();
        int givenBack;

        @Override public Key account(String username) { return new Key("u:" + username.toLowerCase(), 5, true); }
        @Override public Key address(String address) { return new Key("a:" + address, 20, false); }
        @Override public Key device(String deviceId) { return new Key("d:" + deviceId, 5, true); }
        @Override public Key session(String key) { return new Key("s:" + key, 5, true); }
        @Override public Key code(long userId) { return new Key("c:" + userId, 5, true); }
        @Override public Key code(long userId, String deviceId) { return new Key("c:" + userId + ":" + deviceId, 5, true); }

        @Override
        public Reservation reserve(List<Key> keys) {
            reserved.add(keys.stream().map(Key::name).toList());
            return heldBack != null ? new HeldBack(heldBack) : new Reserved(List.of());
        }

        @Override
        public void succeeded(Reserved reservation) {
            givenBack++;
        }
    }

    /** The users table and its lock, in memory; "concurrentChange" plays a change committed by another browser meanwhile. */
    static class FakeCredentials extends Credentials {
        final Map<Long, User> users = new HashMap<>();
        Runnable concurrentChange = () -> { };
        int started;

        @Override
        public Optional<Started> startSession(long userId, Predicate<User> stillValid, String address, String userAgent) {
            concurrentChange.run();
            return Optional.ofNullable(users.get(userId)).filter(stillValid).map(this::start);
        }

        @Override
        public Optional<Started> changePassword(long userId, int checkedVersion, String newHash, String address, String agent) {
            concurrentChange.run();
            return Optional.ofNullable(users.get(userId)).filter(u -> u.getCredentialVersion() == checkedVersion).map(u -> {
                u.setPasswordHash(newHash);
                u.raiseCredentialVersion();
                return start(u);
            });
        }

        @Override
        public Optional<OthersEnded> endOtherSessions(long userId, String keep) {
            User user = users.get(userId);
            user.raiseCredentialVersion();
            return Optional.of(new OthersEnded(2, user.getTokenVersion(), user.getCredentialVersion()));
        }

        @Override
        public boolean delete(long userId, int checkedVersion) {
            return users.remove(userId) != null;
        }

        @Override
        public Optional<Integer> revokeRememberMe(long userId) {
            return Optional.ofNullable(users.get(userId)).map(u -> {
                u.raiseTokenVersion();
                return u.getTokenVersion();
            });
        }

        private Started start(User user) {
            started++;
            return new Started("key-" + started, user.getTokenVersion(), user.getCredentialVersion());
        }
    }

    static class FakeRegistry extends SessionRegistry {
        final List<String> ended = new ArrayList<>();

        @Override public boolean isValid(String key, long userId) { return !ended.contains(key); }
        @Override public boolean end(String key, Reason reason) { return !ended.contains(key) && ended.add(key); }
        @Override public boolean endOwned(long userId, String key, Reason reason) { return end(key, reason); }
    }

    static class Users extends UserRepository {
        final Map<Long, User> byId;

        Users(Map<Long, User> byId) {
            this.byId = byId;
        }

        @Override public Optional<User> findById(long id) { return Optional.ofNullable(byId.get(id)); }

        @Override
        public Optional<User> findByUsername(String username) {
            return byId.values().stream().filter(u -> u.getUsername().equalsIgnoreCase(username)).findFirst();
        }
    }

    /** Checks the password in memory; "busy" plays a server whose hashing slots are all taken. */
    static class Passwords extends DatabaseIdentityStore {
        boolean busy;
        int checks;

        @Override
        Optional<User> check(String username, String password) {
            checks++;
            if (busy) {
                throw new Argon2PasswordHash.BusyException();
            }
            return users.findByUsername(username).filter(u -> matches(u, password));
        }

        @Override
        boolean matches(User user, String password) {
            return user.getPasswordHash().equals("hash of " + password);
        }
    }

    static class Events implements Event<SecurityEvent> {
        final List<SecurityEvent.Kind> fired = new ArrayList<>();

        @Override public void fire(SecurityEvent event) { fired.add(event.kind()); }
        @Override public <U extends SecurityEvent> CompletionStage<U> fireAsync(U event) { throw new UnsupportedOperationException(); }
        @Override public <U extends SecurityEvent> CompletionStage<U> fireAsync(U event, NotificationOptions options) { throw new UnsupportedOperationException(); }
        @Override public Event<SecurityEvent> select(Annotation... qualifiers) { return this; }
        @Override public <U extends SecurityEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) { throw new UnsupportedOperationException(); }
        @Override public <U extends SecurityEvent> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) { throw new UnsupportedOperationException(); }
    }

    /** Codes decided by the test: "111111" is right once, a recovery code "abcdef-234567-ghijkl-765432" too. */
    static class FakeSecondFactors extends SecondFactors {
        final java.util.Set<String> used = new java.util.HashSet<>();

        @Override
        public Used use(User user, String code) {
            if (!used.add(code)) {
                return Used.NOTHING;
            }
            return switch (code) {
                case "111111" -> Used.CODE;
                case "abcdef-234567-ghijkl-765432" -> Used.RECOVERY_CODE;
                default -> Used.NOTHING;
            };
        }
    }

    /** Whether the user has a passkey, decided by the test. */
    static class FakePasskeyStore extends PasskeyStore {
        boolean any;

        @Override public boolean any(long userId) { return any; }
    }

    final FakeSecondFactors secondFactors = new FakeSecondFactors();
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T12:00:00Z"));
    final FakeClient browser = new FakeClient();
    final FakeThrottle throttle = new FakeThrottle();
    final FakeCredentials credentials = new FakeCredentials();
    final FakeRegistry registry = new FakeRegistry();
    final Passwords passwords = new Passwords();
    final Events events = new Events();
    final FakePasskeyStore passkeyStore = new FakePasskeyStore();
    final Authentication auth = new Authentication();
    boolean secondFactorRequired;
    User ada;

    static User ada() {
        User user = new User("ada", "Ada", "hash of " + PASSWORD, OffsetDateTime.now());
        try {
            var id = User.class.getDeclaredField("id");
            id.setAccessible(true);
            id.set(user, 7L);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return user;
    }

    @BeforeEach
    void wire() {
        ada = ada();
        credentials.users.put(7L, ada);
        Users users = new Users(credentials.users);
        passwords.users = users;
        auth.client = browser;
        auth.settings = new Settings() {
            @Override public SecretKeys secretKeys() { return KEYS; }
            @Override public Duration rememberMe() { return Duration.ofDays(30); }
            @Override public boolean twoStepRequired() { return secondFactorRequired; }
        };
        auth.passkeyStore = passkeyStore;
        auth.users = users;
        auth.passwords = passwords;
        auth.passwordHash = new Argon2PasswordHash(new Argon2PasswordHash.Cost(8, 1, 1));
        auth.throttle = throttle;
        auth.sessions = registry;
        auth.credentials = credentials;
        auth.events = events;
        auth.clock = clock;
        auth.init();
        TwoStep twoStep = new TwoStep();
        twoStep.authentication = auth;
        twoStep.client = browser;
        twoStep.users = users;
        twoStep.throttle = throttle;
        twoStep.credentials = credentials;
        twoStep.secondFactors = secondFactors;
        twoStep.clock = clock;
        auth.twoStep = twoStep;
        StepUp stepUp = new StepUp();
        stepUp.authentication = auth;
        stepUp.client = browser;
        stepUp.throttle = throttle;
        stepUp.passwords = passwords;
        auth.stepUp = stepUp;
    }

    void signedIn() {
        assertInstanceOf(Outcome.Done.class, auth.signIn("ada", PASSWORD, true));
        browser.recognised = ada;
        browser.setCookies.clear();
        events.fired.clear();
    }

    @Test
    void aRightPasswordStartsASessionWithItsCookiesAndIsAnnounced() {
        assertInstanceOf(Outcome.Done.class, auth.signIn("Ada", PASSWORD, true));
        assertEquals(7L, browser.session.orElseThrow().userId());
        assertTrue(browser.setCookies.containsKey(Authentication.REMEMBER_ME_COOKIE));
        assertTrue(browser.setCookies.containsKey(Authentication.DEVICE_COOKIE));
        assertEquals(List.of(List.of("u:ada", "a:198.51.100.9")), throttle.reserved, "counted before the hash");
        assertEquals(1, throttle.givenBack);
        assertEquals(List.of(SecurityEvent.Kind.SIGN_IN_SUCCESS), events.fired);
    }

    @Test
    void aHeldBackAttemptIsNotCheckedAtAll() {
        throttle.heldBack = Duration.ofSeconds(8);
        Outcome outcome = auth.signIn("ada", PASSWORD, false);
        assertEquals(8, ((Outcome.HeldBack) outcome).seconds());
        assertEquals(0, passwords.checks);
        assertTrue(browser.session.isEmpty());
        assertEquals(List.of(SecurityEvent.Kind.SIGN_IN_THROTTLED), events.fired);
    }

    @Test
    void anAttemptRefusedForBusyHashingStaysCounted() {
        passwords.busy = true;
        assertThrows(Argon2PasswordHash.BusyException.class, () -> auth.signIn("ada", PASSWORD, false));
        assertEquals(1, throttle.reserved.size());
        assertEquals(0, throttle.givenBack, "no free guess: the reservation is not given back");
    }

    @Test
    void aSignInWhoseCredentialsChangedMeanwhileStartsNothing() {
        credentials.concurrentChange = () -> { // a password change committed after the check, as the locked row shows it
            User changed = ada();
            changed.raiseCredentialVersion();
            credentials.users.put(7L, changed);
        };
        assertInstanceOf(Outcome.Superseded.class, auth.signIn("ada", PASSWORD, true));
        assertTrue(browser.session.isEmpty(), "no session");
        assertTrue(browser.setCookies.isEmpty(), "no remember-me or device cookie");
        assertEquals(List.of(SecurityEvent.Kind.SIGN_IN_SUPERSEDED), events.fired, "audited as such, not as a sign-in");
    }

    @Test
    void aKnownBrowserIsCountedUnderItsDeviceAloneAndOnlyForItsAccount() {
        signedIn();
        auth.signOut();
        throttle.reserved.clear();
        auth.signIn("ada", "a guess", false);
        assertTrue(throttle.reserved.get(0).get(0).startsWith("d:"), throttle.reserved.toString());
        assertEquals(1, throttle.reserved.get(0).size(), "not held by the account's or the address's wait");

        auth.signIn("grace", "a guess", false);
        assertEquals(List.of("u:grace", "a:198.51.100.9"), throttle.reserved.get(1), "no key to another account");

        ada.raiseCredentialVersion(); // the password changed elsewhere: the device cookie is revoked
        auth.signIn("ada", "a guess", false);
        assertEquals(List.of("u:ada", "a:198.51.100.9"), throttle.reserved.get(2));
    }

    @Test
    void everyWayOfEndingThisSessionLeavesTheBrowserAlike() {
        signedIn();
        auth.signOut();
        assertLeft(SecurityEvent.Kind.SIGN_OUT);

        signedIn();
        assertEquals(Authentication.Ended.THIS_SESSION, auth.endSession(browser.session.orElseThrow().key()));
        assertLeft(SecurityEvent.Kind.SESSION_ENDED);

        signedIn();
        assertInstanceOf(Outcome.Done.class, auth.deleteAccount(PASSWORD));
        assertLeft(SecurityEvent.Kind.ACCOUNT_DELETED);
    }

    private void assertLeft(SecurityEvent.Kind kind) {
        assertTrue(browser.session.isEmpty());
        assertTrue(browser.siteDataCleared);
        assertTrue(browser.removedCookies.contains(Authentication.REMEMBER_ME_COOKIE));
        assertFalse(browser.removedCookies.contains(Authentication.DEVICE_COOKIE), "the browser stays known");
        assertEquals(List.of(kind), events.fired);
        browser.siteDataCleared = false;
        browser.removedCookies.clear();
    }

    @Test
    void aWrongCurrentPasswordIsCountedUnderTheAccountAndTheSession() {
        signedIn();
        throttle.reserved.clear();
        assertInstanceOf(Outcome.WrongPassword.class, auth.changePassword("not it", "a new passphrase"));
        String device = throttle.reserved.get(0).get(0);
        assertTrue(device.startsWith("d:"), "this known browser: " + device);
        assertEquals("s:" + browser.session.orElseThrow().key(), throttle.reserved.get(0).get(1));
        assertEquals(List.of(SecurityEvent.Kind.PASSWORD_CHECK_FAILURE), events.fired);
    }

    @Test
    void aPasswordChangeContinuesInANewSessionWithFreshCookies() {
        signedIn();
        String before = browser.session.orElseThrow().key();
        assertInstanceOf(Outcome.Done.class, auth.changePassword(PASSWORD, "a new passphrase"));
        assertFalse(before.equals(browser.session.orElseThrow().key()));
        assertTrue(browser.setCookies.containsKey(Authentication.REMEMBER_ME_COOKIE), "it had one: a fresh one");
        assertTrue(browser.setCookies.containsKey(Authentication.DEVICE_COOKIE), "still known, under the new version");
        assertEquals(List.of(SecurityEvent.Kind.PASSWORD_CHANGED), events.fired);
    }

    @Test
    void aRememberMeCookieSignsInAgainAndIsAnnounced() {
        signedIn();
        String cookie = browser.cookies.get(Authentication.REMEMBER_ME_COOKIE);
        FakeClient later = new FakeClient();
        later.cookies.put(Authentication.REMEMBER_ME_COOKIE, cookie);
        assertEquals(Optional.of(ada), auth.recognise(later));
        assertTrue(later.session.isPresent());
        assertEquals(List.of(SecurityEvent.Kind.SIGN_IN_REMEMBERED), events.fired);

        ada.raiseTokenVersion(); // revoked (a sign-out elsewhere)
        FakeClient revoked = new FakeClient();
        revoked.cookies.put(Authentication.REMEMBER_ME_COOKIE, cookie);
        assertEquals(Optional.empty(), auth.recognise(revoked));
        assertTrue(revoked.removedCookies.contains(Authentication.REMEMBER_ME_COOKIE));
    }

    void twoStep() {
        ada.enableTotp("sealed key", 0);
    }

    @Test
    void withTwoStepOnARightPasswordStartsNoSessionAndIssuesNoCookieUntilTheCode() {
        twoStep();
        assertInstanceOf(Outcome.CodeNeeded.class, auth.signIn("ada", PASSWORD, true));
        assertTrue(browser.session.isEmpty(), "nobody is signed in yet");
        assertTrue(browser.setCookies.isEmpty(), "no remember-me or device cookie yet: " + browser.setCookies.keySet());
        assertEquals(new PendingSignIn(7L, ada.getCredentialVersion(), true, clock.now().plus(PendingSignIn.TIMEOUT)),
                browser.pending.orElseThrow());
        assertTrue(auth.recognise(browser).isEmpty());
        assertEquals(List.of(SecurityEvent.Kind.SIGN_IN_CODE_REQUIRED), events.fired);

        assertInstanceOf(Outcome.Done.class, auth.completeSignIn("111111"));
        assertEquals(7L, browser.session.orElseThrow().userId());
        assertTrue(browser.pending.isEmpty());
        assertTrue(browser.setCookies.containsKey(Authentication.REMEMBER_ME_COOKIE), "the remember-me choice was carried");
        assertTrue(browser.setCookies.containsKey(Authentication.DEVICE_COOKIE));
        assertEquals(List.of(List.of("u:ada", "a:198.51.100.9"), List.of("c:7", "a:198.51.100.9")), throttle.reserved);
        assertEquals(List.of(SecurityEvent.Kind.SIGN_IN_CODE_REQUIRED, SecurityEvent.Kind.SIGN_IN_SUCCESS), events.fired);
    }

    @Test
    void withoutTheTickTheSecondStepIssuesNoRememberMeCookie() {
        twoStep();
        auth.signIn("ada", PASSWORD, false);
        assertInstanceOf(Outcome.Done.class, auth.completeSignIn("111111"));
        assertFalse(browser.setCookies.containsKey(Authentication.REMEMBER_ME_COOKIE));
    }

    @Test
    void theWaitingSignInExpiresAfterFiveMinutes() {
        twoStep();
        auth.signIn("ada", PASSWORD, false);
        clock.advance(PendingSignIn.TIMEOUT.minusSeconds(1));
        assertTrue(auth.awaitsCode(), "still in time");
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(Outcome.Expired.class, auth.completeSignIn("111111"));
        assertTrue(browser.session.isEmpty());
        assertTrue(browser.pending.isEmpty(), "forgotten");
        assertEquals(1, browser.sessionsEnded, "the session that held it ends");
        assertEquals(1, throttle.reserved.size(), "nothing was checked");
        assertFalse(auth.awaitsCode());
    }

    @Test
    void anExpiredWaitingSignInIsForgottenWhenItsPageIsOpened() {
        twoStep();
        auth.signIn("ada", PASSWORD, false);
        clock.advance(PendingSignIn.TIMEOUT);
        assertFalse(auth.awaitsCode());
        assertTrue(browser.pending.isEmpty());
    }

    @Test
    void wrongCodesAreCountedAndAHeldBackOneIsNotChecked() {
        twoStep();
        auth.signIn("ada", PASSWORD, false);
        events.fired.clear();
        assertInstanceOf(Outcome.WrongCode.class, auth.completeSignIn("222222"));
        assertEquals(List.of("c:7", "a:198.51.100.9"), throttle.reserved.get(1));
        assertEquals(1, throttle.givenBack, "only the password's reservation was given back");
        throttle.heldBack = Duration.ofSeconds(4);
        assertEquals(4, ((Outcome.HeldBack) auth.completeSignIn("111111")).seconds());
        assertTrue(secondFactors.used.equals(java.util.Set.of("222222")), "the held-back code was not looked at");
        assertTrue(browser.session.isEmpty());
        assertEquals(List.of(SecurityEvent.Kind.SIGN_IN_CODE_FAILED, SecurityEvent.Kind.SIGN_IN_CODE_THROTTLED), events.fired);
    }

    @Test
    void aRecoveryCodeSignsInAndIsAudited() {
        twoStep();
        auth.signIn("ada", PASSWORD, false);
        assertInstanceOf(Outcome.Done.class, auth.completeSignIn("abcdef-234567-ghijkl-765432"));
        assertTrue(events.fired.contains(SecurityEvent.Kind.RECOVERY_CODE_USED));
    }

    @Test
    void aCodeWithoutAPasswordFirstLeadsNowhere() {
        twoStep();
        assertInstanceOf(Outcome.Expired.class, auth.completeSignIn("111111"));
        assertTrue(browser.session.isEmpty());
        assertTrue(throttle.reserved.isEmpty());
    }

    @Test
    void aChangeOfCredentialsMeanwhileVoidsTheWaitingSignIn() {
        twoStep();
        auth.signIn("ada", PASSWORD, false);
        ada.raiseCredentialVersion(); // the password changed, or all other sessions were ended, elsewhere
        assertInstanceOf(Outcome.Expired.class, auth.completeSignIn("111111"));
        assertTrue(browser.session.isEmpty());
    }

    @Test
    void pendingSignInsKeepTheirFormInTheSession() {
        PendingSignIn pending = new PendingSignIn(7L, 3, true, Instant.parse("2026-11-30T12:05:00Z"));
        assertEquals(Optional.of(pending), PendingSignIn.parse(pending.stored()));
        assertTrue(PendingSignIn.parse("7.3.x").isEmpty());
        assertTrue(PendingSignIn.parse(null).isEmpty());
    }

    @Test
    void withASecondFactorRequiredASignInWithoutOneHoldsItsCookiesUntilOneIsOn() {
        secondFactorRequired = true;
        assertTrue(auth.mustSetUpSecondFactor(ada));
        assertInstanceOf(Outcome.Done.class, auth.signIn("ada", PASSWORD, true));
        assertEquals(7L, browser.session.orElseThrow().userId(), "a session, which reaches only the set-up");
        assertTrue(browser.setCookies.isEmpty(), "no remember-me or device cookie yet: " + browser.setCookies.keySet());
        assertEquals(Optional.of(true), browser.heldCookies, "remember-me was asked for");

        twoStep();
        assertFalse(auth.mustSetUpSecondFactor(ada));
        auth.secondFactorOn(7L);
        assertTrue(browser.setCookies.containsKey(Authentication.REMEMBER_ME_COOKIE), browser.setCookies.keySet().toString());
        assertTrue(browser.setCookies.containsKey(Authentication.DEVICE_COOKIE));
        browser.setCookies.clear();
        auth.secondFactorOn(7L);
        assertTrue(browser.setCookies.isEmpty(), "once");
    }

    @Test
    void withASecondFactorRequiredAPasskeyCountsAndThePasswordAloneIsNoWayIntoItsAccount() {
        secondFactorRequired = true;
        passkeyStore.any = true;
        assertFalse(auth.mustSetUpSecondFactor(ada));
        assertInstanceOf(Outcome.PasskeyNeeded.class, auth.signIn("ada", PASSWORD, true));
        assertTrue(browser.session.isEmpty(), "no session");
        assertTrue(browser.setCookies.isEmpty(), "no cookie");
        assertEquals(List.of(SecurityEvent.Kind.SIGN_IN_PASSKEY_REQUIRED), events.fired);
    }

    @Test
    void withoutTheSettingNothingIsHeldBack() {
        assertFalse(auth.mustSetUpSecondFactor(ada));
        auth.signIn("ada", PASSWORD, true);
        assertTrue(browser.setCookies.containsKey(Authentication.REMEMBER_ME_COOKIE));
        assertTrue(browser.heldCookies.isEmpty());
        auth.signOut();
        passkeyStore.any = true;
        assertInstanceOf(Outcome.Done.class, auth.signIn("ada", PASSWORD, false), "a passkey is no second step of the password then");
    }
}
