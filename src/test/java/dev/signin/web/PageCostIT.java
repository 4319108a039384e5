package dev.signin.web;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression guard for the cost of a page, cheap enough for every CI run (the figures come from
 * bench/run). Krazo 3.0.1 searched the whole class path several times per request; the patched
 * ServiceLoaders (src/krazo-patch) counts its searches, and that count must not move while pages
 * are served.
 *
 * <p>Why a count and not CPU time: measured here, the CPU of a page over the CPU of a static
 * file was 5.7 with the fix and 6.8 without it after a 20-second warm-up, because the JIT is
 * still cold; the difference (0.3 against 5 ms a page) only shows after minutes of load.
 */
@TestServer.Shared
class PageCostIT {

    @Test
    void krazoSearchesTheClassPathOncePerServiceNotPerRequest(Browser browser) {
        Accounts.signUp(browser, "scans");
        Browser visitor = new Browser(browser.uri(""));
        for (int i = 0; i < 5; i++) {
            browser.get("/");
            browser.get("/account");
            visitor.get("/sign-in");
        }
        long before = krazoScans(browser);
        for (int i = 0; i < 40; i++) {
            assertEquals(200, browser.get("/").status());
            assertEquals(200, browser.get("/account").status());
            assertEquals(200, visitor.get("/sign-in").status());
        }
        assertEquals(before, krazoScans(browser), "Krazo searched the class path again while serving pages");
    }

    private static long krazoScans(Browser browser) {
        Page metrics = browser.metrics();
        Matcher m = Pattern.compile("(?m)^signin_krazo_service_scans (\\d+)").matcher(metrics.body());
        assertTrue(m.find(), "no signin_krazo_service_scans in /metrics: the server runs Krazo's own "
                + "ServiceLoaders (is target/signin-krazo-patch.jar on -Xbootclasspath/a?)");
        return Long.parseLong(m.group(1));
    }
}
