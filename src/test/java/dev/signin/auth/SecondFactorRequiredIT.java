package dev.signin.auth;

import dev.signin.account.TwoStepIT;
import dev.signin.auth.twostep.Totp;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.SoftAuthenticator;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code signin.two-step.required=true}, on a server of its own: an account without a second
 * factor that signs in (form, remember-me, sign-up) reaches only the set-up of one (an
 * authenticator app or a passkey), gets no remember-me or device cookie before it, and gets them
 * once a factor is on; sign-out still works; the password is a way in only with the app's code.
 */
class SecondFactorRequiredIT {

    static final String SET_UP = "/account/two-step";
    static PayaraMicro server;

    @BeforeAll
    static void start() {
        server = PayaraMicro.production("second-factor-required").withEnvironment("SIGNIN_TWO_STEP_REQUIRED", "true");
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @RegisterExtension
    final TestWatcher log = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.err.println("----- " + context.getDisplayName() + " failed; the server's log:\n" + server.logTail(120));
        }
    };

    static Browser browser() {
        return new Browser(server.uri(""));
    }

    /** Everything of the account but the set-up: each page leads to the set-up, each form and JSON endpoint is refused. */
    static void assertOnlyTheSetUpIsReachable(Browser browser) {
        for (String path : List.of("/", "/account", "/account/sessions", "/account?x=1")) {
            Page page = browser.get(path);
            assertEquals(303, page.status(), path + ": " + page);
            assertEquals(SET_UP, page.location().orElseThrow(), path);
        }
        Page setUp = browser.get(SET_UP);
        assertEquals(200, setUp.status(), setUp::toString);
        assertTrue(setUp.body().contains("This site asks every account for a second factor."), setUp.body());
        assertEquals(200, browser.get("/account/passkeys").status(), "a passkey is a way too");
        String csrf = setUp.csrf();
        for (String form : List.of("/account/profile", "/account/password", "/account/delete", "/account/sessions/end-others",
                "/account/sessions/end")) {
            Page page = browser.post(form, Map.of("name", "Changed", "about", "", "current", PASSWORD, "password", "a new password 123",
                    "confirm", "a new password 123", "session", "x", Browser.CSRF_FIELD, csrf));
            assertEquals(403, page.status(), form + ": " + page);
            assertTrue(page.body().contains("Set up a second factor first"), form + ": " + page.body());
        }
        Page json = browser.send(HttpRequest.newBuilder(browser.uri("/account/step-up/options"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("purpose=add-passkey")));
        assertEquals(403, json.status(), json::toString);
    }

    /** Signs out from the set-up page (the start page leads there). */
    static Page signOut(Browser browser) {
        return browser.submit(SET_UP, "/sign-out", Map.of());
    }

    static void assertNoLastingCookie(Page page) {
        assertTrue(page.setCookie("signin_remember").isEmpty(), "no remember-me cookie yet: " + page.setCookies());
        assertTrue(page.setCookie("signin_device").isEmpty(), "no device cookie yet: " + page.setCookies());
    }

    @Test
    void aNewAccountReachesOnlyTheSetUpUntilItsAppIsOnAndThenGetsItsCookies() {
        Browser browser = browser();
        String username = Accounts.uniqueUsername("required");
        Page signedUp = Accounts.signUp(browser, username, "Name of " + username, PASSWORD);
        assertNoLastingCookie(signedUp);
        assertOnlyTheSetUpIsReachable(browser);
        assertEquals("/sign-in", signOut(browser).location().orElseThrow(), "sign-out works");
        assertTrue(browser.get("/").location().orElseThrow().startsWith("/sign-in"), "signed out");

        Page signedIn = Accounts.signIn(browser, username, PASSWORD, true);
        assertEquals(303, signedIn.status(), signedIn::toString);
        assertNoLastingCookie(signedIn);
        assertOnlyTheSetUpIsReachable(browser);

        Page started = browser.submit(SET_UP, "/account/two-step/start", Map.of("current", PASSWORD));
        assertEquals(303, started.status(), started::toString);
        Page setup = browser.get(SET_UP);
        Matcher key = TwoStepIT.KEY.matcher(setup.body());
        assertTrue(key.find(), setup.body());
        byte[] secret = Totp.fromBase32(key.group(1)).orElseThrow();
        Page on = browser.post("/account/two-step/confirm", Map.of("code", TwoStepIT.code(secret, -1), Browser.CSRF_FIELD, setup.csrf()));
        assertEquals(200, on.status(), on::toString);
        assertTrue(on.setCookie("signin_remember").isPresent(), "the remember-me cookie asked for comes now: " + on.setCookies());
        assertTrue(on.setCookie("signin_device").isPresent(), on.setCookies()::toString);
        Page profile = browser.get("/");
        assertEquals(200, profile.status(), profile::toString);
        assertEquals(303, browser.submit("/account", "/account/profile", Map.of("name", "Renamed", "about", "")).status());

        browser.removeCookie("signin_session");
        assertEquals(200, browser.get("/").status(), "the remember-me cookie signs in");
        Accounts.signOut(browser);
        TwoStepIT.signInWithPassword(browser, username, false);
        assertEquals(303, TwoStepIT.enterCode(browser, TwoStepIT.code(secret, 0)).status());
        assertEquals(200, browser.get("/account/sessions").status(), "an account with its app reaches everything");
    }

    @Test
    void aPasskeyIsASecondFactorToo() {
        Browser browser = browser();
        String username = Accounts.signUp(browser, "required-passkey");
        signOut(browser);
        assertNoLastingCookie(Accounts.signIn(browser, username, PASSWORD, true));
        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", "http://localhost:" + server.port());
        String csrf = browser.get("/account/passkeys").csrf();
        JsonObject options = PasskeyIT.json(PasskeyIT.registrationOptions(browser, csrf, PASSWORD));
        Map<String, String> fields = new HashMap<>(authenticator.create(options.getString("challenge"),
                options.getJsonObject("user").getString("id")));
        fields.putAll(Map.of(Browser.CSRF_FIELD, csrf, "name", "Phone"));
        Page added = browser.post("/account/passkeys/add", fields);
        assertEquals(303, added.status(), added::toString);
        assertTrue(added.setCookie("signin_remember").isPresent(), "the remember-me cookie asked for comes now: " + added.setCookies());
        assertEquals(200, browser.get("/account/sessions").status());

        Accounts.signOut(browser);
        Page password = Accounts.signIn(browser, username, PASSWORD, false);
        assertEquals(422, password.status(), password::toString);
        assertTrue(password.body().contains("signs in with its passkey"), password.body());
        assertTrue(password.setCookie("signin_session").isEmpty() || password.setCookie("signin_session").get().contains("Max-Age=0"),
                "the password alone starts no session: " + password.setCookies());
        assertTrue(browser.get("/").location().orElseThrow().startsWith("/sign-in"));
        Page withPasskey = PasskeyIT.answer(browser, authenticator.get(PasskeyIT.json(PasskeyIT.signInOptions(browser)).getString("challenge")));
        assertEquals(303, withPasskey.status(), withPasskey::toString);
        assertEquals(200, browser.get("/").status(), "the passkey signs in");
    }

    @Test
    void aRememberMeCookieOfAnAccountThatTurnedItsFactorOffReachesOnlyTheSetUp() {
        Browser browser = browser();
        TwoStepIT.Enabled account = TwoStepIT.enable(browser, "required-off");
        Accounts.signOut(browser);
        TwoStepIT.signInWithPassword(browser, account.username(), true);
        Page done = TwoStepIT.enterCode(browser, TwoStepIT.code(account.key(), 0));
        assertTrue(done.setCookie("signin_remember").isPresent());
        Page off = browser.submit(SET_UP, "/account/two-step/disable", Map.of("current", PASSWORD, "code", TwoStepIT.code(account.key(), 1)));
        assertEquals(303, off.status(), off::toString);
        assertOnlyTheSetUpIsReachable(browser);
        browser.removeCookie("signin_session");
        assertOnlyTheSetUpIsReachable(browser); // now signed in again by the remember-me cookie
    }
}
