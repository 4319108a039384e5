package dev.signin.signin;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
public class SignInIT {

    public static final String SESSION = "signin_session";

    @Test
    void theFormHasLabelledFieldsWithAutocompleteAndALinkToSignUp(Browser browser) {
        Page page = browser.get("/sign-in");
        assertEquals(200, page.status());
        String html = page.body();
        assertAll(
                () -> assertTrue(html.contains("name=\"username\""), "username field"),
                () -> assertTrue(html.contains("autocomplete=\"username\""), "username autocomplete"),
                () -> assertTrue(html.contains("type=\"password\" autocomplete=\"current-password\""), "password autocomplete"),
                () -> assertTrue(html.contains("name=\"remember\" type=\"checkbox\""), "remember checkbox"),
                () -> assertTrue(html.contains("<label for=\"username\">") && html.contains("<label for=\"password\">")
                        && html.contains("<label for=\"remember\">"), "labels"),
                () -> assertTrue(html.contains("name=\"_csrf\""), "CSRF field"),
                () -> assertTrue(html.contains("href=\"/sign-up\""), "link to sign up"),
                () -> assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html;charset=UTF-8")));
    }

    @Test
    void signingInGivesANewSessionIdAndGoesToTheProfile(Browser browser) {
        String username = Accounts.signUp(browser, "signin");
        Accounts.signOut(browser);

        Page form = browser.get("/sign-in");
        assertTrue(browser.cookie(SESSION).isEmpty(), "no session before sign-in: " + form.setCookies());
        // An attacker plants a session id they know in the victim's browser (fixation).
        Browser attacker = new Browser(browser.uri(""));
        Accounts.signUp(attacker, "fixer");
        String planted = attacker.cookie(SESSION).orElseThrow();
        Accounts.signOut(attacker);
        browser.setCookie(SESSION, planted);
        Page signedIn = browser.post("/sign-in", Map.of("username", username, "password", PASSWORD, "_csrf", form.csrf()));

        assertEquals(303, signedIn.status());
        assertEquals("/", signedIn.location().orElseThrow());
        String set = signedIn.setCookie(SESSION).orElseThrow(() -> new AssertionError("a session at sign-in: " + signedIn.setCookies()));
        String session = set.substring(set.indexOf('=') + 1, set.indexOf(';'));
        assertNotEquals(planted, session, "the session id changes at sign-in (no session fixation)");
        browser.setCookie(SESSION, session); // the client's jar would keep the planted copy beside it
        Browser thief = new Browser(browser.uri(""));
        thief.setCookie(SESSION, planted);
        assertEquals(303, thief.get("/").status(), "the planted id does not lead into the victim's account");

        Page profile = browser.get("/");
        assertEquals(200, profile.status());
        assertTrue(profile.body().contains("Name of " + username));
    }

    @Test
    void sessionIdsAreOneHundredTwentyEightRandomBits(Browser base) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.Set<String> prefixes = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            Browser browser = new Browser(base.uri(""));
            Accounts.signUp(browser, "sessionid");
            String id = browser.cookie(SESSION).orElseThrow();
            assertTrue(id.matches("[0-9a-f]{32}"), "32 hex digits: " + id);
            ids.add(id);
            prefixes.add(id.substring(0, 7)); // Payara's own ids start with 7 digits of the clock
        }
        assertEquals(20, ids.size());
        assertTrue(prefixes.size() > 15, "no common prefix: " + prefixes);
    }

    @Test
    void usernamesAreMatchedIgnoringCase(Browser browser) {
        String username = Accounts.signUp(browser, "CaseUser");
        browser.clearCookies();
        Page signedIn = Accounts.signIn(browser, username.toLowerCase(), PASSWORD, false);
        assertEquals(303, signedIn.status());
        assertTrue(browser.get("/").body().contains("Name of " + username));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer(Browser browser) {
        String username = Accounts.signUp(browser, "victim");
        browser.clearCookies();

        Page wrongPassword = Accounts.signIn(browser, username, "not the password", false);
        Page unknownUser = Accounts.signIn(browser, "nobody-" + username, "not the password", false);

        assertEquals(200, wrongPassword.status());
        assertEquals(wrongPassword.status(), unknownUser.status());
        assertTrue(wrongPassword.body().contains("Invalid username or password"));
        assertEquals(wrongPassword.bodyWithoutTokens().replace(username, "X"),
                unknownUser.bodyWithoutTokens().replace("nobody-" + username, "X"),
                "nothing tells an attacker which usernames exist");
        assertEquals(cookieNames(wrongPassword), cookieNames(unknownUser));
        assertEquals(java.util.Optional.of(username), wrongPassword.inputValue("username"), "the username is kept");
        assertEquals(java.util.Optional.of(""), wrongPassword.inputValue("password").or(() -> java.util.Optional.of("")));
        assertFalse(wrongPassword.body().contains("not the password"), "the password is never sent back");
        assertTrue(browser.get("/").location().orElseThrow().startsWith("/sign-in"), "still signed out");
    }

    static java.util.List<String> cookieNames(Page page) {
        return page.setCookies().stream().map(c -> c.substring(0, c.indexOf('='))).sorted().toList();
    }

    @Test
    void aFailedSignInCreatesNoSession(Browser browser) {
        Page form = browser.get("/sign-in");
        Page failed = browser.post("/sign-in", Map.of("username", "nobody", "password", "whatever1", "_csrf", form.csrf()));
        assertEquals(200, failed.status());
        assertTrue(failed.setCookie(SESSION).isEmpty(), "no session for a failed attempt: " + failed.setCookies());
        assertTrue(browser.cookie(SESSION).isEmpty());
    }

    @Test
    void emptyAndOversizedCredentialsAreJustInvalid(Browser browser) {
        for (Map<String, String> fields : java.util.List.of(
                Map.of("username", "", "password", ""),
                Map.of("username", "a".repeat(5000), "password", "p".repeat(5000)),
                Map.<String, String>of())) {
            Page page = browser.submit("/sign-in", "/sign-in", fields);
            assertEquals(200, page.status(), () -> "for " + fields.keySet() + ": " + page);
            assertTrue(page.body().contains("Invalid username or password"));
        }
    }

    @Test
    void aProtectedPageSendsVisitorsToSignInAndBackAfterwards(Browser browser) {
        String username = Accounts.signUp(browser, "next");
        browser.clearCookies();

        Page redirect = browser.get("/");
        assertEquals(303, redirect.status());
        assertEquals("/sign-in?next=%2F", redirect.location().orElseThrow());

        Page form = browser.follow(redirect);
        assertEquals(java.util.Optional.of("/"), form.inputValue("next"));

        Page signedIn = browser.post("/sign-in", Map.of("username", username, "password", PASSWORD,
                "next", "/?tab=about", "_csrf", form.csrf()));
        assertEquals(303, signedIn.status());
        assertEquals("/?tab=about", signedIn.location().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "https://evil.example/", "http:evil.example", "/\\evil.example",
            "\\\\evil.example", "/\t/evil.example", "javascript:alert(1)", "///evil.example", "evil.example"})
    void hostileNextValuesFallBackToTheProfile(String next, Browser browser) {
        String username = Accounts.signUp(browser, "hostile");
        browser.clearCookies();

        Page form = browser.get("/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        assertEquals(java.util.Optional.of("/"), form.inputValue("next"), "the form does not carry it");

        Page signedIn = browser.post("/sign-in", Map.of("username", username, "password", PASSWORD,
                "next", next, "_csrf", form.csrf()));
        assertEquals(303, signedIn.status());
        assertEquals("/", signedIn.location().orElseThrow());
    }

    @Test
    void aSignedInVisitorOfTheSignInPageGoesOn(Browser browser) {
        Accounts.signUp(browser, "already");
        Page page = browser.get("/sign-in?next=%2F%3Fx%3D1");
        assertEquals(303, page.status());
        assertEquals("/?x=1", page.location().orElseThrow());
    }

    @Test
    void sessionCookieIsHttpOnlySameSiteLaxAndEndsWithTheBrowser(Browser browser) {
        String username = Accounts.signUp(new Browser(browser.uri("")), "cookieattrs");
        Page page = Accounts.signIn(browser, username, PASSWORD, false);
        String cookie = page.setCookie(SESSION).orElseThrow(() -> new AssertionError(page.setCookies().toString()));
        String lower = cookie.toLowerCase();
        assertAll(
                () -> assertTrue(lower.contains("; httponly"), cookie),
                () -> assertTrue(lower.contains("; samesite=lax"), cookie),
                () -> assertTrue(lower.contains("; path=/"), cookie),
                () -> assertFalse(lower.contains("max-age") || lower.contains("expires"), "a browser-session cookie: " + cookie),
                () -> assertFalse(lower.contains("; secure"), "plain HTTP here, and not configured as HTTPS: " + cookie),
                () -> assertTrue(page.setCookies().stream().noneMatch(c -> c.startsWith("JSESSIONID=")), "our own name"));
    }

    @Test
    void sessionIdsNeverAppearInUrls(Browser browser) {
        // A client without cookies is where containers fall back to URL rewriting.
        Page page = browser.get("/sign-in");
        assertFalse(page.body().toLowerCase().contains(";jsessionid"), page.body());
        assertFalse(page.body().contains(";signin_session"), page.body());
        Page redirect = new Browser(browser.uri("")).get("/");
        assertFalse(redirect.location().orElseThrow().toLowerCase().contains("jsessionid"));
    }
}
