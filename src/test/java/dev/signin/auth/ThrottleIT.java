package dev.signin.auth;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
class ThrottleIT {

    static void fail(Browser browser, String username, int times) {
        for (int i = 0; i < times; i++) {
            Page page = Accounts.signIn(browser, username, "wrong guess " + i, false);
            assertEquals(200, page.status(), () -> "failure " + page);
        }
    }

    /**
     * Fails until held back; the free failures must all be answered, the next ones held back. (The
     * first wait is one second: on a slow machine it may be over before the next attempt, so a
     * couple more tries are allowed; the waits double.)
     */
    static Page failUntilHeldBack(Browser browser, String username, int free) {
        fail(browser, username, free);
        for (int extra = 0; extra < 3; extra++) {
            Page page = Accounts.signIn(browser, username, "one more guess", false);
            if (page.status() == 429) {
                return page;
            }
            assertEquals(200, page.status());
        }
        throw new AssertionError("not held back after " + (free + 3) + " failures");
    }

    static long assertHeldBack(Page page) {
        assertEquals(429, page.status(), page::toString);
        long retryAfter = Long.parseLong(page.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(page.body().contains("Too many failed attempts. Please wait"), "a friendly page");
        assertTrue(page.body().contains("name=\"username\""), "with the form");
        return retryAfter;
    }

    static void sleepSeconds(long seconds) {
        try {
            Thread.sleep(seconds * 1000 + 200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAccountIsHeldBackAfterFiveFailuresEvenFromOtherAddressesThenLetGo(Browser owner) {
        String username = Accounts.signUp(owner, "throttled");
        Browser attacker = new Browser(owner.uri(""));
        assertHeldBack(failUntilHeldBack(attacker, username, 5));

        Browser elsewhere = new Browser(owner.uri(""));
        Page right = Accounts.signIn(elsewhere, username, PASSWORD, false);
        long wait = right.status() == 429 ? assertHeldBack(right) : 0;
        assertTrue(right.status() == 429 || right.status() == 303, "held back, or the wait was already over");

        if (wait > 0) {
            sleepSeconds(wait);
            assertEquals(303, Accounts.signIn(elsewhere, username, PASSWORD, false).status(), "no permanent lockout");
        }
        fail(new Browser(owner.uri("")), username, 4);
        assertEquals(200, Accounts.signIn(new Browser(owner.uri("")), username, "wrong again", false).status(),
                "a success forgot the earlier failures");
    }

    @Test
    void unknownUsernamesAreHeldBackExactlyTheSame(Browser browser) {
        String known = Accounts.signUp(new Browser(browser.uri("")), "knownthrottle");
        String unknown = "nobody-" + known;
        Browser a = new Browser(browser.uri(""));
        Browser b = new Browser(browser.uri(""));
        Page knownPage = failUntilHeldBack(a, known, 5);
        Page unknownPage = failUntilHeldBack(b, unknown, 5);
        assertHeldBack(knownPage);
        assertHeldBack(unknownPage);
        assertEquals(knownPage.bodyWithoutTokens().replace(known, "X"), unknownPage.bodyWithoutTokens().replace(unknown, "X"));
    }

    @Test
    void oneAddressIsHeldBackAfterTwentyFailuresWhateverTheUsernames(Browser attacker) {
        for (int i = 0; i < 20; i++) {
            assertEquals(200, Accounts.signIn(attacker, Accounts.uniqueUsername("spray"), "Summer2026!", false).status());
        }
        Page held = null;
        for (int extra = 0; extra < 3 && held == null; extra++) {
            Page page = Accounts.signIn(attacker, Accounts.uniqueUsername("spray"), "Summer2026!", false);
            held = page.status() == 429 ? page : null;
        }
        assertHeldBack(held == null ? Accounts.signIn(attacker, "spray", "x", false) : held);
        String username = Accounts.signUp(new Browser(attacker.uri("")), "bystander");
        assertEquals(303, Accounts.signIn(new Browser(attacker.uri("")), username, PASSWORD, false).status(),
                "other addresses are not affected");
    }
}
