package dev.signin.web;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
