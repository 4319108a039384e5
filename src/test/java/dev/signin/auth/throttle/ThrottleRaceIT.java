package dev.signin.auth.throttle;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Concurrently;
import dev.signin.testing.Load;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The throttle under parallel guesses, and the owner's way in while an attacker keeps the account waiting. */
@ResourceLock(Load.HEAVY_OR_TIMED)
@TestServer.Shared
class ThrottleRaceIT {

    static final int PARALLEL = 8;

    /** Guesses from as many browsers (addresses), all sent at the same instant. */
    static List<Page> parallelGuesses(Browser base, String username, String password) {
        List<Callable<Page>> guesses = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            Browser b = new Browser(base.uri(""));
            String csrf = b.get("/sign-in").csrf();
            guesses.add(() -> b.post("/sign-in", Map.of("username", username, "password", password, "_csrf", csrf)));
        }
        return Concurrently.run(guesses);
    }

    /**
     * Fails until held back, then after each wait once more, until the account waits at least this
     * long (the waits double: 1, 2, 4, 8 s). A failure that comes after its wait already ended is
     * counted too and only makes the next wait longer.
     */
    static void keepWaiting(Browser attacker, String username, long seconds) {
        long wait = ThrottleIT.assertHeldBack(ThrottleIT.failUntilHeldBack(attacker, username, 5));
        for (int i = 0; wait < seconds && i < 12; i++) {
            ThrottleIT.sleepSeconds(wait);
            Page page = Accounts.signIn(attacker, username, "one more guess " + i, false);
            if (page.status() == 429) {
                wait = ThrottleIT.assertHeldBack(page);
                continue;
            }
            assertEquals(200, page.status(), page::toString);
            Page next = Accounts.signIn(attacker, username, "and another " + i, false);
            wait = next.status() == 429 ? ThrottleIT.assertHeldBack(next) : 0;
        }
        assertTrue(wait >= seconds, "the account waits " + wait + " s");
    }

    static long count(List<Page> pages, int status) {
        return pages.stream().filter(p -> p.status() == status).count();
    }

    @Test
    void whenAWaitEndsOnlyOneOfManyParallelGuessesIsEvaluated(Browser attacker) {
        String username = Accounts.signUp(new Browser(attacker.uri("")), "parallel");
        long wait = ThrottleIT.assertHeldBack(ThrottleIT.failUntilHeldBack(attacker, username, 5));
        ThrottleIT.sleepSeconds(wait);

        List<Page> answers = parallelGuesses(attacker, username, "parallel guess");
        assertEquals(1, count(answers, 200), () -> "evaluated: " + answers.stream().map(Page::status).toList());
        answers.stream().filter(p -> p.status() != 200).forEach(ThrottleIT::assertHeldBack);
    }

    @Test
    void theOwnersKnownBrowserGetsInWhileAnAttackerKeepsTheAccountWaiting(Browser owner) {
        String username = Accounts.signUp(owner, "besieged");
        Accounts.signOut(owner); // the browser stays known after signing out
        Browser attacker = new Browser(owner.uri(""));
        keepWaiting(attacker, username, 8); // long enough for two sign-ins on a busy machine

        Page mine = Accounts.signIn(owner, username, PASSWORD, false);
        assertEquals(303, mine.status(), () -> "the owner's known browser is held: " + mine);
        assertEquals(200, owner.get("/").status());

        Browser unknown = new Browser(owner.uri(""));
        ThrottleIT.assertHeldBack(Accounts.signIn(unknown, username, PASSWORD, false));
    }

    @Test
    void aKnownBrowserOfAnotherAccountIsNoKeyToThisOne(Browser attacker) {
        String victim = Accounts.signUp(new Browser(attacker.uri("")), "victimdevice");
        Accounts.signUp(attacker, "ownaccount"); // the attacker's browser is known, for the attacker's account
        Accounts.signOut(attacker);
        keepWaiting(new Browser(attacker.uri("")), victim, 4); // outlasts the next sign-in on a busy machine
        ThrottleIT.assertHeldBack(Accounts.signIn(attacker, victim, "a guess", false));
    }

    @Test
    void aKnownBrowserHasItsOwnLimit(Browser owner) {
        String username = Accounts.signUp(owner, "knownlimit");
        Accounts.signOut(owner);
        ThrottleIT.assertHeldBack(ThrottleIT.failUntilHeldBack(owner, username, 5));
    }

    @Test
    void currentPasswordChecksAreThrottled(Browser browser) {
        Accounts.signUp(browser, "guesscurrent");
        Page last = null;
        for (int i = 0; i < 8; i++) {
            String path = i % 2 == 0 ? "/account/password" : "/account/delete";
            last = browser.submit("/account", path, Map.of("current", "guess " + i,
                    "password", "another long passphrase", "confirm", "another long passphrase"));
            if (last.status() == 429) {
                break;
            }
            assertEquals(422, last.status(), last::toString);
        }
        assertEquals(429, last.status(), "a stolen session cannot guess the password without limit");
        assertTrue(last.headers().firstValue("Retry-After").isPresent());
        assertTrue(last.body().contains("Too many failed attempts"), last.body());
        assertEquals(200, browser.get("/").status(), "still signed in");
    }
}
