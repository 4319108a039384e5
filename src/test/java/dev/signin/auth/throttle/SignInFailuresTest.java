package dev.signin.auth.throttle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignInFailuresTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void theFirstFailuresAreFreeThenEachDoublesTheWaitUpToAMinute() {
        assertEquals(Optional.empty(), SignInFailures.delayAfter(4, 5));
        assertEquals(Optional.of(Duration.ofSeconds(1)), SignInFailures.delayAfter(5, 5));
        assertEquals(Optional.of(Duration.ofSeconds(2)), SignInFailures.delayAfter(6, 5));
        assertEquals(Optional.of(Duration.ofSeconds(32)), SignInFailures.delayAfter(10, 5));
        assertEquals(Optional.of(Duration.ofSeconds(60)), SignInFailures.delayAfter(11, 5));
        assertEquals(Optional.of(Duration.ofSeconds(60)), SignInFailures.delayAfter(10_000, 5), "never more: no lockout");
    }

    @Test
    void anAttackerWhoAlwaysWaitsGetsAtMostAboutAHundredGuessesAnHour() {
        SignInFailures f = new SignInFailures("u:victim");
        Instant now = T0;
        int guesses = 0;
        while (now.isBefore(T0.plus(SignInFailures.WINDOW))) {
            Optional<Duration> wait = f.waitAt(now);
            if (wait.isPresent()) {
                now = now.plus(wait.get());
                continue;
            }
            f.fail(now, 5);
            guesses++;
        }
        assertEquals(69, guesses, "5 free, then 1, 2, 4, 8, 16, 32 s and a minute each: ASVS asks for at most about 100");
        assertTrue(guesses >= 50, "and the owner is never locked out for long: " + guesses);
    }

    @Test
    void aHeldBackKeySaysHowLongToWait() {
        SignInFailures f = new SignInFailures("a:198.51.100.7");
        for (int i = 0; i < 5; i++) {
            f.fail(T0, 5);
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), f.waitAt(T0));
        assertEquals(Optional.of(Duration.ofMillis(400)), f.waitAt(T0.plusMillis(600)));
        assertEquals(Optional.empty(), f.waitAt(T0.plusSeconds(1)));
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        SignInFailures f = new SignInFailures("u:someone");
        for (int i = 0; i < 7; i++) {
            f.fail(T0, 5);
        }
        f.fail(T0.plus(SignInFailures.WINDOW).plusSeconds(1), 5);
        assertEquals(1, f.failures());
        assertEquals(Optional.empty(), f.waitAt(T0.plus(SignInFailures.WINDOW).plusSeconds(1)));
    }

    @Test
    void aRowIsOverWhenItsHourIsOverAndItHoldsNothingBack() {
        SignInFailures f = new SignInFailures("a:203.0.113.7");
        f.fail(T0, 5);
        assertTrue(!f.isOverAt(T0.plus(SignInFailures.WINDOW)), "not before the hour is over");
        assertTrue(f.isOverAt(T0.plus(SignInFailures.WINDOW).plusMillis(1)));

        SignInFailures waiting = new SignInFailures("u:victim");
        Instant last = T0.plus(SignInFailures.WINDOW).minusSeconds(1);
        waiting.fail(T0, 5);
        for (int i = 0; i < 11; i++) {
            waiting.fail(last, 5);
        }
        assertTrue(!waiting.isOverAt(T0.plus(SignInFailures.WINDOW).plusSeconds(30)), "its wait still runs");
        assertTrue(waiting.isOverAt(last.plus(SignInFailures.MAX_DELAY)), "then it is over");
    }
}
