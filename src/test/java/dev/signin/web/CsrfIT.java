package dev.signin.web;

import dev.signin.account.TwoStepIT;
import dev.signin.auth.PasskeyIT;
import dev.signin.auth.twostep.Totp;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import dev.signin.testing.SoftAuthenticator;
import dev.signin.testing.TestServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
class CsrfIT {

    static void assertFriendly403(Page page) {
        assertEquals(403, page.status(), page::toString);
        assertTrue(page.body().contains("That form has expired"), page.body());
        assertFalse(page.body().contains("Exception") || page.body().contains("Payara"), page.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sign-in", "/sign-up", "/sign-out"})
    void aPostWithoutTheTokenIsRefused(String path, Browser browser) {
        browser.get("/sign-in");
        assertFriendly403(browser.post(path, Map.of("username", "x", "password", "y")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sign-in", "/sign-up"})
    void aWrongTokenIsRefused(String path, Browser browser) {
        browser.get(path);
        assertFriendly403(browser.post(path, Map.of("username", "x", "password", "y", "_csrf", "forged")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sign-in", "/sign-up"})
    void aTokenFromAnotherSessionIsRefused(String path, Browser browser) {
        String attackersToken = new Browser(browser.uri("")).get(path).csrf();
        browser.get(path);
        assertFriendly403(browser.post(path, Map.of("username", "x", "password", "y", "_csrf", attackersToken)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sign-in", "/sign-up"})
    void aCrossSiteFormWithoutAnySessionIsRefused(String path, Browser browser) {
        String username = Accounts.uniqueUsername("csrf");
        assertFriendly403(browser.post(path, Map.of("username", username, "name", "n",
                "password", Accounts.PASSWORD, "confirm", Accounts.PASSWORD)));
        assertEquals(303, browser.get("/").status(), "not signed in, nothing created");
    }

    /**
     * Once a browser is signed in, no CSRF token it held before works: not in the new session, and
     * not after signing out again (the anonymous cookie is gone; a planted one would otherwise
     * outlive the session). The session's own token works.
     */
    static void assertTheOldTokensAreDead(Browser browser, String way, String... oldTokens) {
        boolean cookieKept = browser.cookie("signin_csrf").isPresent();
        Page settings = browser.get("/account");
        assertEquals(200, settings.status(), way + ": signed in");
        String current = settings.csrf();
        for (String old : oldTokens) {
            assertNotEquals(old, current, way + ": a new token");
            Page refused = browser.post("/account/profile", Map.of("name", "Changed by an old token", "about", "", "_csrf", old));
            assertEquals(403, refused.status(), way + ": a token from before the sign-in does not work in the session\n" + refused);
        }
        assertEquals(303, browser.post("/account/profile", Map.of("name", "Changed", "about", "", "_csrf", current)).status(),
                way + ": the session's own token works");
        assertEquals(303, Accounts.signOut(browser).status());
        for (String old : oldTokens) {
            Page refused = browser.post("/sign-in", Map.of("username", "x", "password", "y", "_csrf", old));
            assertEquals(403, refused.status(), way + ": nor after signing out\n" + refused);
        }
        assertFalse(cookieKept, way + ": the anonymous token's cookie is removed at once");
    }

    @Test
    void aNewTokenAtSignUpAndAtSignIn(Browser browser) {
        String signUpToken = browser.get("/sign-up").csrf();
        String username = Accounts.uniqueUsername("csrf-new");
        assertEquals(303, browser.post("/sign-up", Map.of("username", username, "name", "n", "password", Accounts.PASSWORD,
                "confirm", Accounts.PASSWORD, "_csrf", signUpToken)).status());
        assertTheOldTokensAreDead(browser, "sign-up", signUpToken);

        String signInToken = browser.get("/sign-in").csrf();
        assertEquals(303, browser.post("/sign-in", Map.of("username", username, "password", Accounts.PASSWORD,
                "_csrf", signInToken)).status());
        assertTheOldTokensAreDead(browser, "sign-in", signInToken);
    }

    @Test
    void aNewTokenAtTheEndOfTheCodeStep(Browser browser) {
        TwoStepIT.Enabled account = TwoStepIT.enable(browser, "csrf-code");
        Accounts.signOut(browser);
        String signInToken = browser.get("/sign-in").csrf();
        Page password = browser.post("/sign-in", Map.of("username", account.username(), "password", Accounts.PASSWORD,
                "_csrf", signInToken));
        assertEquals("/sign-in/code", password.location().orElseThrow(), password::toString);
        String codeToken = browser.get("/sign-in/code").csrf();
        Page code = browser.post("/sign-in/code", Map.of("code", Totp.code(account.key(), Totp.step(Instant.now()) + 1),
                "_csrf", codeToken));
        assertEquals(303, code.status(), code::toString);
        assertTheOldTokensAreDead(browser, "the code step", signInToken, codeToken);
    }

    @Test
    void aNewTokenAtAPasskeySignIn(PayaraMicro server, Browser browser) {
        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", "http://localhost:" + server.port());
        PasskeyIT.addPasskey(browser, authenticator, Accounts.signUp(browser, "csrf-passkey"));
        Accounts.signOut(browser);
        String token = browser.get("/sign-in").csrf();
        JsonObject options = PasskeyIT.json(PasskeyIT.signInOptions(browser));
        Page signedIn = PasskeyIT.answer(browser, authenticator.get(options.getString("challenge")));
        assertEquals(303, signedIn.status(), signedIn::toString);
        assertTheOldTokensAreDead(browser, "a passkey sign-in", token);
    }

    @Test
    void aNewTokenWhenTheRememberMeCookieStartsASession(Browser browser) {
        String username = Accounts.signUp(new Browser(browser.uri("")), "csrf-remember");
        Browser other = new Browser(browser.uri(""));
        Accounts.signIn(other, username, Accounts.PASSWORD, true);
        String remember = other.cookie("signin_remember").orElseThrow();
        String token = browser.get("/sign-in").csrf();
        browser.setCookie("signin_remember", remember);
        assertEquals(200, browser.get("/").status(), "signed in by the remember-me cookie");
        assertTheOldTokensAreDead(browser, "a remember-me sign-in", token);
    }

    static void assertOur400(String what, RawHttp.Answer answer) {
        assertEquals(400, answer.status(), what + ":\n" + answer.head() + "\n" + answer.body());
        assertTrue(answer.body().contains("<h1>That request could not be understood</h1>"), what + ": " + answer.body());
        assertTrue(answer.head().contains("Content-Security-Policy: default-src 'self'"), what + ": " + answer.head());
    }

    /**
     * A sibling site that can plant cookies (plain HTTP, Domain= the parent) adds its own
     * signin_csrf, signed by us for the attacker, next to the victim's: the browser sends both. A
     * request with two cookies of one of our names is refused, whichever comes first.
     */
    @Test
    void aRequestWithTwoOfOurCookiesOfOneNameIsRefused(PayaraMicro server, Browser browser) {
        Browser attacker = new Browser(browser.uri(""));
        String attackersUsername = Accounts.signUp(new Browser(browser.uri("")), "csrf-planted");
        String attackersToken = attacker.get("/sign-in").csrf();
        String attackersCookie = "signin_csrf=" + attacker.cookie("signin_csrf").orElseThrow();
        browser.get("/sign-in");
        String victimsCookie = "signin_csrf=" + browser.cookie("signin_csrf").orElseThrow();
        byte[] loginCsrf = Browser.form(Map.of("username", attackersUsername, "password", Accounts.PASSWORD, "_csrf", attackersToken))
                .getBytes(StandardCharsets.UTF_8);
        for (String cookies : List.of(attackersCookie + "; " + victimsCookie, victimsCookie + "; " + attackersCookie)) {
            assertOur400("login CSRF with " + cookies, RawHttp.send(server.port(), RawHttp.formPost("/sign-in", cookies, loginCsrf)));
            assertOur400("the sign-in page with " + cookies, RawHttp.send(server.port(), RawHttp.get("/sign-in", cookies)));
        }

        Accounts.signUp(browser, "csrf-victim");
        String victimsSession = "signin_session=" + browser.cookie("signin_session").orElseThrow();
        Browser attackerSignedIn = new Browser(browser.uri(""));
        Accounts.signIn(attackerSignedIn, attackersUsername, Accounts.PASSWORD, true);
        String attackersSession = "signin_session=" + attackerSignedIn.cookie("signin_session").orElseThrow();
        String attackersRemember = "signin_remember=" + attackerSignedIn.cookie("signin_remember").orElseThrow();
        for (String cookies : List.of(attackersSession + "; " + victimsSession, victimsSession + "; " + attackersSession,
                "signin_remember=x; " + attackersRemember, attackersRemember + "; " + victimsSession + "; " + attackersRemember)) {
            assertOur400("the profile with " + cookies, RawHttp.send(server.port(), RawHttp.get("/", cookies)));
        }
        assertEquals(200, browser.get("/").status(), "one cookie of each name is fine");
        assertEquals(200, RawHttp.send(server.port(), RawHttp.get("/assets/app.css", attackersCookie + "; " + victimsCookie)).status(),
                "static files read no cookies");
    }
}
