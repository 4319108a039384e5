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
        String boot = server.bootLogs().get(server.bootLogs().size() - 1);
        assertEquals(1, boot.lines().filter(l -> l.contains("signin starting in production mode")).count(),
                "the restarted server starts the new WAR once, not first the copy it deployed before");

        Browser later = new Browser(browser.uri(""));
        later.setCookie("signin_remember", remembered);
        assertEquals(200, later.get("/").status(), "remember-me still valid: same secret, same database");

        Browser fresh = new Browser(browser.uri(""));
        assertEquals(303, Accounts.signIn(fresh, username, Accounts.PASSWORD, false).status());
        assertTrue(fresh.get("/").body().contains("Name of " + username));
    }
}
