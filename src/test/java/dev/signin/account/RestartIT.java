package dev.signin.account;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
class RestartIT {

    @Test
    void usersAndRememberMeCookiesSurviveAServerRestart(PayaraMicro server, Browser browser) {
        String username = Accounts.signUp(browser, "durable");
        browser.clearCookies();
        assertEquals(303, Accounts.signIn(browser, username, Accounts.PASSWORD, true).status());
        String remembered = browser.cookie("signin_remember").orElseThrow();

        server.restart();

        Browser later = new Browser(browser.uri(""));
        later.setCookie("signin_remember", remembered);
        assertEquals(200, later.get("/").status(), "remember-me still valid: same secret, same database");

        Browser fresh = new Browser(browser.uri(""));
        assertEquals(303, Accounts.signIn(fresh, username, Accounts.PASSWORD, false).status());
        assertTrue(fresh.get("/").body().contains("Name of " + username));
    }
}
