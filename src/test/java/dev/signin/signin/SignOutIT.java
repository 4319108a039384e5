package dev.signin.signin;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
class SignOutIT {

    @Test
    void signOutEndsTheSessionAndSaysSo(Browser browser) {
        Accounts.signUp(browser, "bye");
        String oldSession = browser.cookie(SignInIT.SESSION).orElseThrow();

        Page signedOut = Accounts.signOut(browser);
        assertEquals(303, signedOut.status());
        assertEquals("/sign-in", signedOut.location().orElseThrow());
        assertTrue(browser.cookie(SignInIT.SESSION).filter(oldSession::equals).isEmpty(), "not the old session");
        Page notice = browser.follow(signedOut);
        assertTrue(notice.body().contains("You have been signed out."), notice.body());
        assertTrue(notice.body().contains("role=\"status\""), "announced politely");
        assertFalse(browser.get("/sign-in").body().contains("You have been signed out."), "shown once, then gone");
        assertEquals(303, browser.get("/").status());

        // Someone who copied the cookie before sign-out gets nothing from it.
        Browser thief = new Browser(browser.uri(""));
        thief.setCookie(SignInIT.SESSION, oldSession);
        Page stolen = thief.get("/");
        assertEquals(303, stolen.status());
        assertTrue(stolen.location().orElseThrow().startsWith("/sign-in"));
    }

    @Test
    void everySignedInPageOffersSignOut(Browser browser) {
        Accounts.signUp(browser, "everypage");
        for (String path : new String[]{"/", "/account", "/account/sessions"}) {
            String html = browser.get(path).body();
            assertTrue(html.contains("<form method=\"post\" action=\"/sign-out\">") && html.contains(">Sign out</button>"), path);
        }
    }

    @Test
    void aGetDoesNotSignAnyoneOut(Browser browser) {
        Accounts.signUp(browser, "get");
        Page get = browser.get("/sign-out");
        assertEquals(405, get.status());
        assertTrue(get.headers().firstValue("Allow").orElse("").contains("POST"));
        assertEquals(200, browser.get("/").status(), "still signed in");
    }

    @Test
    void aPostWithoutTheCsrfTokenDoesNotSignAnyoneOut(Browser browser) {
        Accounts.signUp(browser, "csrfout");
        Page forged = browser.post("/sign-out", Map.of());
        assertEquals(403, forged.status());
        assertEquals(200, browser.get("/").status(), "still signed in");
    }
}
