package dev.signin.web;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session is for a signed-in user only: nobody else gets one, whatever they open or send, and
 * the anonymous forms are still protected against CSRF, by a signed cookie.
 */
@TestServer.Shared
class NoSessionBeforeSignInIT {

    static final String SESSION = "signin_session";

    static void assertNoSession(String what, Page page) {
        assertTrue(page.setCookies().stream().noneMatch(c -> c.startsWith(SESSION + "=") && !c.toLowerCase().contains("max-age=0")),
                what + " starts a session: " + page.setCookies());
    }

    @Test
    void visitorsWhoAreNotSignedInGetNoSession(Browser browser) {
        for (String path : List.of("/sign-in", "/sign-up", "/sign-in?next=%2Faccount", "/", "/account", "/account/sessions",
                "/health", "/health/ready", "/assets/app.css", "/no-such-page", "/metrics")) {
            assertNoSession("GET " + path, browser.get(path));
        }
        assertNoSession("a failed sign-in", Accounts.signIn(browser, "nobody-" + Accounts.uniqueUsername("x"), "a guess", false));
        assertNoSession("a sign-up with errors", browser.submit("/sign-up", "/sign-up", Map.of("username", "x")));
        assertNoSession("a form without its token", browser.post("/sign-in", Map.of("username", "x", "password", "y")));
        assertTrue(browser.cookie(SESSION).isEmpty());
    }

    @Test
    void theAnonymousFormsAreProtectedByASignedCookie(Browser browser) {
        String username = Accounts.signUp(new Browser(browser.uri("")), "csrfcookie");
        Page form = browser.get("/sign-in");
        String cookie = form.setCookie("signin_csrf").orElseThrow(() -> new AssertionError("a CSRF cookie: " + form.setCookies()));
        String lower = cookie.toLowerCase();
        assertTrue(lower.contains("; httponly") && lower.contains("samesite=lax") && lower.contains("path=/"), cookie);
        assertFalse(lower.contains("max-age") || lower.contains("expires"), "it ends with the browser: " + cookie);
        String token = form.csrf();
        assertFalse(cookie.contains(token + ";"), "the cookie is not the bare token");

        Map<String, String> fields = Map.of("username", username, "password", PASSWORD, "_csrf", token);
        Browser withoutCookie = new Browser(browser.uri(""));
        assertEquals(403, withoutCookie.post("/sign-in", fields).status(), "the token alone is not enough");
        Browser forged = new Browser(browser.uri(""));
        forged.setCookie("signin_csrf", token + "." + "A".repeat(43));
        assertEquals(403, forged.post("/sign-in", fields).status(), "a cookie the app did not sign is not enough");
        Browser other = new Browser(browser.uri(""));
        other.get("/sign-in");
        assertEquals(403, other.post("/sign-in", fields).status(), "another browser's token does not fit its cookie");

        Page signedIn = browser.post("/sign-in", fields);
        assertEquals(303, signedIn.status(), signedIn::toString);
        assertTrue(signedIn.setCookie(SESSION).isPresent(), "the session starts at sign-in");
        assertEquals(200, browser.get("/").status());
    }

    @Test
    void theNoticesAfterSigningOutOrDeletingNeedNoSession(Browser browser) {
        Accounts.signUp(browser, "noticeout");
        Page out = Accounts.signOut(browser);
        assertNoSession("sign-out", out);
        String notice = out.setCookie("signin_notice").orElseThrow(() -> new AssertionError("a notice cookie: " + out.setCookies()));
        assertTrue(notice.toLowerCase().contains("max-age=60") && notice.toLowerCase().contains("httponly"), notice);
        Page shown = browser.follow(out);
        assertTrue(shown.body().contains("You have been signed out."), shown.body());
        assertNoSession("the signed-out notice", shown);
        assertFalse(browser.get("/sign-in").body().contains("You have been signed out."), "shown once");

        Browser leaving = new Browser(browser.uri(""));
        Accounts.signUp(leaving, "noticedelete");
        Page deleted = leaving.submit("/account", "/account/delete", Map.of("current", PASSWORD));
        assertNoSession("deletion", deleted);
        Page gone = leaving.follow(deleted);
        assertTrue(gone.body().contains("Your account has been deleted."), gone.body());
        assertNoSession("the deleted notice", gone);
        assertTrue(leaving.cookie(SESSION).isEmpty(), "the session cookie is removed");
    }
}
