package dev.signin.account;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
class AccountIT {

    static final String NEW_PASSWORD = "a whole new passphrase";

    @Test
    void signedOutVisitorsAreSentToSignInAndBack(Browser browser) {
        Page page = browser.get("/account");
        assertEquals(303, page.status());
        assertEquals("/sign-in?next=%2Faccount", page.location().orElseThrow());

        String username = Accounts.signUp(new Browser(browser.uri("")), "settings");
        Page form = browser.follow(page);
        Page signedIn = browser.post("/sign-in", Map.of("username", username, "password", PASSWORD,
                "next", form.inputValue("next").orElseThrow(), "_csrf", form.csrf()));
        assertEquals("/account", signedIn.location().orElseThrow());
        assertEquals(200, browser.get("/account").status());
    }

    @Test
    void theSettingsPageHasThreeLabelledForms(Browser browser) {
        Accounts.signUp(browser, "forms");
        Page page = browser.get("/account");
        assertAll(
                () -> assertEquals(200, page.status()),
                () -> assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse("")),
                () -> assertTrue(page.body().contains("action=\"/account/profile\"")),
                () -> assertTrue(page.body().contains("action=\"/account/password\"")),
                () -> assertTrue(page.body().contains("action=\"/account/delete\"")),
                () -> assertTrue(page.body().contains("<label for=\"about\">")),
                () -> assertTrue(page.body().contains("<label for=\"delete-current\">")));
    }

    @Test
    void profileChangesAreSavedAndShownEscaped(Browser browser) {
        Accounts.signUp(browser, "profile");
        Page saved = browser.submit("/account", "/account/profile",
                Map.of("name", "Grace <i>Hopper</i>", "about", "Line one\r\n<script>alert(1)</script>"));
        assertEquals(303, saved.status());
        assertEquals("/account", saved.location().orElseThrow());
        assertTrue(browser.follow(saved).body().contains("Your profile has been saved."));

        Page profile = browser.get("/");
        assertTrue(profile.body().contains("<h1>Grace &lt;i&gt;Hopper&lt;/i&gt;</h1>"), profile.body());
        assertTrue(profile.body().contains("Line one\n&lt;script&gt;alert(1)&lt;/script&gt;"), profile.body());
        assertFalse(profile.body().contains("<script>alert"));
    }

    @Test
    void invalidProfileChangesAreRefusedWithMessages(Browser browser) {
        Accounts.signUp(browser, "badprofile");
        Page page = browser.submit("/account", "/account/profile", Map.of("name", " ", "about", "x".repeat(501)));
        assertEquals(422, page.status());
        assertTrue(page.body().contains("id=\"name-error\">Enter your name."), page.body());
        assertTrue(page.body().contains("id=\"about-error\">Use at most 500 characters."));
        assertTrue(page.body().contains("<a href=\"#name\">Enter your name.</a>"), "summarised with a link to the field");
    }

    @Test
    void aPasswordChangeEndsEveryOtherSessionAndEveryRememberMeCookie(Browser browser) {
        String username = Accounts.signUp(browser, "pwchange");
        Browser laptop = new Browser(browser.uri(""));
        Accounts.signIn(laptop, username, PASSWORD, true);
        String laptopCookie = laptop.cookie("signin_remember").orElseThrow();
        assertEquals(200, laptop.get("/").status());

        String before = browser.cookie("signin_session").orElseThrow();
        Page changed = browser.submit("/account", "/account/password",
                Map.of("current", PASSWORD, "password", NEW_PASSWORD, "confirm", NEW_PASSWORD));
        assertEquals(303, changed.status());
        assertNotEquals(before, browser.cookie("signin_session").orElseThrow(), "a new session id here");
        assertTrue(browser.follow(changed).body().contains("Your password has been changed."));
        assertEquals(200, browser.get("/").status(), "this browser stays signed in");

        assertEquals(303, laptop.get("/").status(), "the other session has ended");
        Browser withOldCookie = new Browser(browser.uri(""));
        withOldCookie.setCookie("signin_remember", laptopCookie);
        assertEquals(303, withOldCookie.get("/").status(), "its remember-me cookie too");

        Browser fresh = new Browser(browser.uri(""));
        assertEquals(200, Accounts.signIn(fresh, username, PASSWORD, false).status(), "the old password is refused");
        assertEquals(303, Accounts.signIn(fresh, username, NEW_PASSWORD, false).status(), "the new one works");
    }

    @Test
    void aRememberedBrowserKeepsAFreshCookieAfterItsOwnPasswordChange(Browser browser) {
        String username = Accounts.signUp(browser, "pwremember");
        browser.clearCookies();
        Accounts.signIn(browser, username, PASSWORD, true);
        String old = browser.cookie("signin_remember").orElseThrow();
        browser.submit("/account", "/account/password", Map.of("current", PASSWORD, "password", NEW_PASSWORD, "confirm", NEW_PASSWORD));
        String renewed = browser.cookie("signin_remember").orElseThrow();
        assertNotEquals(old, renewed);
        Browser later = new Browser(browser.uri(""));
        later.setCookie("signin_remember", renewed);
        assertEquals(200, later.get("/").status());
    }

    @Test
    void aWrongCurrentPasswordOrAMismatchChangesNothing(Browser browser) {
        String username = Accounts.signUp(browser, "pwwrong");
        Page wrong = browser.submit("/account", "/account/password",
                Map.of("current", "not it", "password", NEW_PASSWORD, "confirm", NEW_PASSWORD));
        assertEquals(422, wrong.status());
        assertTrue(wrong.body().contains("id=\"current-error\">Your current password is not correct."));
        Page mismatch = browser.submit("/account", "/account/password",
                Map.of("current", PASSWORD, "password", NEW_PASSWORD, "confirm", "something else"));
        assertEquals(422, mismatch.status());
        assertTrue(mismatch.body().contains("id=\"confirm-error\">The passwords do not match."));
        Page tooShort = browser.submit("/account", "/account/password", Map.of("current", PASSWORD, "password", "short", "confirm", "short"));
        assertEquals(422, tooShort.status());
        assertEquals(303, Accounts.signIn(new Browser(browser.uri("")), username, PASSWORD, false).status(), "unchanged");
    }

    @Test
    void deletingNeedsThePasswordThenRemovesTheAccountAndItsSessions(Browser browser) {
        String username = Accounts.signUp(browser, "delete");
        Browser other = new Browser(browser.uri(""));
        Accounts.signIn(other, username, PASSWORD, true);
        String remembered = other.cookie("signin_remember").orElseThrow();

        Page refused = browser.submit("/account", "/account/delete", Map.of("current", "wrong password"));
        assertEquals(422, refused.status());
        assertTrue(refused.body().contains("id=\"delete-current-error\">Your current password is not correct."));
        assertEquals(200, browser.get("/").status());

        Page deleted = browser.submit("/account", "/account/delete", Map.of("current", PASSWORD));
        assertEquals(303, deleted.status());
        assertEquals("/sign-in", deleted.location().orElseThrow());
        assertTrue(browser.follow(deleted).body().contains("Your account has been deleted."));
        assertEquals(303, browser.get("/").status());
        assertEquals(303, other.get("/").status(), "the other session ended too");
        Browser later = new Browser(browser.uri(""));
        later.setCookie("signin_remember", remembered);
        assertEquals(303, later.get("/").status());
        assertEquals(200, Accounts.signIn(new Browser(browser.uri("")), username, PASSWORD, false).status(), "gone");
        Accounts.signUp(new Browser(browser.uri("")), username, "Reborn", PASSWORD); // the name is free again
    }

    @Test
    void settingsFormsNeedTheCsrfToken(Browser browser) {
        Accounts.signUp(browser, "csrfsettings");
        for (String path : new String[]{"/account/profile", "/account/password", "/account/delete"}) {
            assertEquals(403, browser.post(path, Map.of("name", "x", "current", PASSWORD)).status(), path);
        }
        assertEquals(200, browser.get("/").status(), "still there");
    }
}
