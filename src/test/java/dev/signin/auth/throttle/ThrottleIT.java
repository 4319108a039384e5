package dev.signin.auth.throttle;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Load;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.util.concurrent.ThreadLocalRandom;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ResourceLock(Load.HEAVY_OR_TIMED)
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

    /** A /64 of the documentation range no other test uses: "2001:db8:X:Y:" where a host part follows. */
    static String newIpv6Network() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("2001:db8:%x:%x:", random.nextInt(0x1000, 0x10000), random.nextInt(0x1000, 0x10000));
    }

    /** One address holds many: an IPv6 client gets a whole /64, so its addresses are counted as one. */
    @Test
    void thirtyAddressesOfOneIpv6NetworkAreHeldBackLikeOneAddress(Browser browser) {
        String network = newIpv6Network();
        Page held = null;
        for (int i = 1; i <= 30 && held == null; i++) {
            Browser attacker = new Browser(browser.uri(""), network + Integer.toHexString(i) + ":" + Integer.toHexString(i * 7919 & 0xffff) + "::" + i);
            Page page = Accounts.signIn(attacker, Accounts.uniqueUsername("sixtyfour"), "Summer2026!", false);
            if (page.status() == 429) {
                held = page;
                assertTrue(i > 20, "20 free failures for the network, held back at the " + i + "th");
            } else {
                assertEquals(200, page.status(), page::toString);
            }
        }
        assertHeldBack(held == null ? Accounts.signIn(new Browser(browser.uri(""), network + ":1"), "spray", "x", false) : held);
        String username = Accounts.signUp(new Browser(browser.uri("")), "nextnetwork");
        assertEquals(303, Accounts.signIn(new Browser(browser.uri(""), newIpv6Network() + ":1"), username, PASSWORD, false).status(),
                "another /64 is not affected");
    }

    /** An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is counted as that IPv4 address; its neighbours are not. */
    @Test
    void anIpv4MappedAddressIsCountedAsItsIpv4Address(Browser browser) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String ipv4 = "203.0." + random.nextInt(0, 256) + "." + random.nextInt(2, 255);
        Page held = null;
        for (int i = 0; i < 26 && held == null; i++) {
            String address = i % 2 == 0 ? ipv4 : "::ffff:" + ipv4;
            Page page = Accounts.signIn(new Browser(browser.uri(""), address), Accounts.uniqueUsername("mapped"), "Summer2026!", false);
            if (page.status() == 429) {
                held = page;
            } else {
                assertEquals(200, page.status(), page::toString);
            }
        }
        assertTrue(held != null, "20 free failures for the address in either form, then a wait");
        String neighbour = ipv4.substring(0, ipv4.lastIndexOf('.') + 1) + (Integer.parseInt(ipv4.substring(ipv4.lastIndexOf('.') + 1)) + 1);
        String username = Accounts.signUp(new Browser(browser.uri("")), "neighbour");
        assertEquals(303, Accounts.signIn(new Browser(browser.uri(""), neighbour), username, PASSWORD, false).status(),
                "IPv4 is counted per address: the neighbour is not affected");
    }
}
