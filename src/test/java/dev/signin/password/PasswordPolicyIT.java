package dev.signin.password;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
class PasswordPolicyIT {

    static Page signUp(Browser browser, String username, String password) {
        return browser.submit("/sign-up", "/sign-up",
                Map.of("username", username, "name", "N", "password", password, "confirm", password));
    }

    @Test
    void aCommonPasswordIsRefusedAtSignUpAndAtAChange(Browser browser) {
        Page page = signUp(browser, Accounts.uniqueUsername("common"), "Password1");
        assertEquals(422, page.status());
        assertTrue(page.body().contains(PasswordPolicy.TOO_COMMON.replace("'", "&#039;")), page.body());

        Accounts.signUp(browser, "changecommon");
        Page change = browser.submit("/account", "/account/password",
                Map.of("current", Accounts.PASSWORD, "password", "qwertyuiop", "confirm", "qwertyuiop"));
        assertEquals(422, change.status());
        assertTrue(change.body().contains("id=\"password-error\">This password is one of the most common ones"));
    }

    @Test
    void theUsernameIsRefusedAsPassword(Browser browser) {
        String username = Accounts.uniqueUsername("sameasname");
        Page page = signUp(browser, username, username.toUpperCase());
        assertEquals(422, page.status());
        assertTrue(page.body().contains("Do not use your username as your password."));
    }

    @Test
    void longPassphrasesOfAnyCharactersWorkAndAreNeverTruncated(Browser browser) {
        String username = Accounts.uniqueUsername("long");
        String passphrase = ("Ünïcödé ✓ パスワード 🔑 ".repeat(10)).substring(0, 120) + "-end"; // 124 UTF-16 units
        assertEquals(303, signUp(browser, username, passphrase).status());
        Browser other = new Browser(browser.uri(""));
        String lastCharacterChanged = passphrase.substring(0, passphrase.length() - 1) + "D";
        assertEquals(200, Accounts.signIn(other, username, lastCharacterChanged, false).status(), "every character counts");
        assertEquals(303, Accounts.signIn(other, username, passphrase, false).status());
        assertEquals(422, signUp(new Browser(browser.uri("")), Accounts.uniqueUsername("toolong"), "x".repeat(129)).status(),
                "129 is too long");
    }

    @Test
    void pastingIsNeverBlocked(Browser browser) {
        String html = browser.get("/sign-up").body() + browser.get("/sign-in").body();
        assertTrue(!html.contains("onpaste") && !html.contains("autocomplete=\"off\""));
    }
}
