package dev.signin.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session ids of the WAR deployed alone, as a user may (no server-config/, no jar beside
 * it): 128 random bits made by the app itself. And where the container's ids stay weak (the
 * app's generator turned off), production refuses to sign anyone in and is not ready, with one
 * clear log line; dev mode only warns. The two tests boot their servers at the same time
 * (failsafe runs the ITs in JUnit's parallel mode; the first runs beside the second).
 */
class SessionIdsIT {

    private static final String SESSION = "signin_session";
    /** The log line's words, the same at SEVERE (production) and WARNING (dev). */
    private static final String LOG_LINE = "Weak session ids";

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theWarAloneIssuesIdsOf128RandomBits() {
        try (PayaraMicro server = PayaraMicro.production("session-ids").warAlone()) {
            server.start();
            Set<String> ids = new HashSet<>();
            Set<String> prefixes = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                Browser browser = new Browser(server.uri(""));
                String username = Accounts.signUp(browser, "ids");
                String signedUp = browser.cookie(SESSION).orElseThrow();
                Accounts.signOut(browser);
                Page signedIn = Accounts.signIn(browser, username, PASSWORD, false);
                assertEquals(303, signedIn.status(), signedIn::toString);
                String again = browser.cookie(SESSION).orElseThrow();
                for (String id : List.of(signedUp, again)) {
                    assertTrue(id.matches("[0-9a-f]{32}"), "32 hex digits (128 bits), not Payara's 28: " + id);
                    ids.add(id);
                    prefixes.add(id.substring(0, 7)); // Payara's own ids start with 7 digits of the clock
                }
            }
            assertEquals(20, ids.size(), "all different: " + ids);
            assertTrue(prefixes.size() > 15, "no common prefix: " + prefixes);
            Page ready = new Browser(server.uri("")).get("/health/ready");
            assertEquals(200, ready.status(), ready::body);
            assertTrue(ready.body().contains("{\"name\":\"session-ids\",\"status\":\"UP\""), ready.body());
            assertFalse(server.logText().contains(LOG_LINE), "no warning with strong ids");
        }
    }

    @Test
    void weakIdsRefuseSignInInProductionAndOnlyWarnInDevMode() {
        // The app's generator off: the container's own ids (Payara's 28 hex digits, about 56 random bits).
        try (PayaraMicro server = PayaraMicro.production("weak-session-ids").warAlone()
                .withEnvironment("SIGNIN_SESSION_IDS_REPLACE", "false")
                .withEnvironment("SIGNIN_MODE", "dev")) {
            server.start();
            Browser dev = new Browser(server.uri(""));
            String username = Accounts.signUp(dev, "weak");
            assertTrue(dev.cookie(SESSION).isPresent(), "dev mode signs in");
            Accounts.signOut(dev);
            assertEquals(303, Accounts.signIn(dev, username, PASSWORD, true).status());
            assertTrue(dev.cookie("signin_remember").isPresent(), "a remember-me cookie");

            server.withEnvironment("SIGNIN_MODE", "production").restart();
            Browser browser = new Browser(server.uri(""));
            Page refused = Accounts.signIn(browser, username, PASSWORD, false);
            assertEquals(503, refused.status(), () -> "the right password, but weak ids: refused\n" + refused);
            assertTrue(refused.body().contains("Sign-in is switched off"), refused.body());
            assertFalse(browser.cookie(SESSION).isPresent(), "no session made: " + refused.headers().map());
            Page signUp = new Browser(server.uri("")).submit("/sign-up", "/sign-up", Map.of(
                    "username", Accounts.uniqueUsername("weak"), "name", "Weak", "password", PASSWORD, "confirm", PASSWORD));
            assertEquals(503, signUp.status(), signUp::toString);
            Page notReady = browser.get("/health/ready");
            assertEquals(503, notReady.status(), notReady::body);
            assertTrue(notReady.body().contains("{\"name\":\"session-ids\",\"status\":\"DOWN\""), notReady.body());
            assertEquals(200, browser.get("/sign-in").status(), "pages that sign nobody in still work");
            dev.removeCookie(SESSION);
            Page remembered = dev.get("/");
            assertEquals(303, remembered.status(), () -> "a remember-me cookie signs nobody in\n" + remembered);
            assertTrue(remembered.location().orElseThrow().startsWith("/sign-in"), remembered::toString);
            assertFalse(dev.cookie(SESSION).isPresent(), "no session made");

            String production = server.bootLogs().get(1);
            assertEquals(1, count(production, LOG_LINE), "one log line, however many refusals:\n" + production);
            assertEquals("SEVERE", levelOf(production, LOG_LINE));
            assertTrue(logLine(production).contains("signin.session-ids.replace"), "names what is missing: " + logLine(production));
            String devBoot = server.bootLogs().get(0);
            assertEquals(1, count(devBoot, LOG_LINE), devBoot);
            assertEquals("WARNING", levelOf(devBoot, LOG_LINE));
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The level of the log record that holds the words (Payara puts the level before the message). */
    private static String levelOf(String coloured, String words) {
        String log = coloured.replaceAll("\u001B\\[[0-9;]*m", "");
        int at = log.indexOf(words);
        assertTrue(at >= 0, "logged: " + words);
        Matcher level = Pattern.compile("\\[(SEVERE|WARNING|INFO|FINE)]").matcher(log.substring(0, at));
        String last = null;
        while (level.find()) {
            last = level.group(1);
        }
        return last;
    }

    private static String logLine(String log) {
        int at = log.indexOf(LOG_LINE);
        return at < 0 ? "(none)" : log.substring(at, Math.min(log.length(), log.indexOf('\n', at) < 0 ? log.length() : log.indexOf('\n', at)));
    }
}
