package dev.signin.auth.passkeys;

import dev.signin.config.Mode;
import dev.signin.config.SecretKeys;
import dev.signin.config.SignedValue;
import dev.signin.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The challenges of passkey ceremonies: once, in time, for the browser and the ceremony they were made for. */
class PasskeyChallengesTest {

    static final SecretKeys KEYS = SecretKeys.load(Mode.PRODUCTION, Optional.of("a passkey test secret of enough length 0123456789"),
            List.of(), Path.of("target"));

    /** The rows in memory, as the database keeps them. */
    static final class Memory implements PasskeyChallenges.Rows {
        final Map<String, PasskeyChallenges.Issued> rows = new HashMap<>();

        @Override
        public void insert(PasskeyChallenges.Issued issued) {
            rows.put(issued.id(), issued);
        }

        @Override
        public Optional<PasskeyChallenges.Issued> take(String id) {
            return Optional.ofNullable(rows.remove(id));
        }

        @Override
        public void deleteExpired(Instant now) {
            rows.values().removeIf(issued -> !issued.expiresAt().isAfter(now));
        }
    }

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T12:00:00Z"));
    final Memory memory = new Memory();
    final PasskeyChallenges challenges = new PasskeyChallenges(memory, new SignedValue(KEYS, "signin.passkey-challenge"), clock);

    @Test
    void aChallengeIsRandomAndGoodOnceForItsBrowser() {
        PasskeyChallenges.Issued issued = challenges.issue(null, PasskeyChallenges.SIGN_IN);
        assertEquals(32, issued.challenge().length);
        assertNotEquals(PasskeyCodec.encode(issued.challenge()), PasskeyCodec.encode(challenges.issue(null, PasskeyChallenges.SIGN_IN).challenge()));
        Optional<String> cookie = Optional.of(challenges.cookie(issued));

        assertArrayEquals(issued.challenge(), challenges.take(cookie, null, PasskeyChallenges.SIGN_IN).orElseThrow());
        assertTrue(challenges.take(cookie, null, PasskeyChallenges.SIGN_IN).isEmpty(), "a replay finds nothing");
    }

    @Test
    void aChallengeExpiresAfterFiveMinutes() {
        PasskeyChallenges.Issued issued = challenges.issue(null, PasskeyChallenges.SIGN_IN);
        clock.advance(PasskeyChallenges.TIMEOUT.minusMillis(1));
        assertTrue(challenges.take(Optional.of(challenges.cookie(issued)), null, PasskeyChallenges.SIGN_IN).isPresent(), "just in time");

        PasskeyChallenges.Issued late = challenges.issue(null, PasskeyChallenges.SIGN_IN);
        clock.advance(PasskeyChallenges.TIMEOUT);
        assertTrue(challenges.take(Optional.of(challenges.cookie(late)), null, PasskeyChallenges.SIGN_IN).isEmpty(), "too late");
        assertTrue(memory.rows.isEmpty(), "and gone");
    }

    @Test
    void expiredChallengesAreClearedWhenNewOnesAreIssued() {
        challenges.issue(null, PasskeyChallenges.SIGN_IN);
        challenges.issue(7L, PasskeyChallenges.REGISTER);
        clock.advance(PasskeyChallenges.TIMEOUT.plus(Duration.ofSeconds(1)));
        challenges.issue(null, PasskeyChallenges.SIGN_IN);
        assertEquals(1, memory.rows.size());
    }

    @Test
    void aRegistrationsChallengeIsOnlyForItsUserAndNotForASignIn() {
        PasskeyChallenges.Issued forSeven = challenges.issue(7L, PasskeyChallenges.REGISTER);
        assertTrue(challenges.take(Optional.of(challenges.cookie(forSeven)), 8L, PasskeyChallenges.REGISTER).isEmpty(), "another user");
        PasskeyChallenges.Issued again = challenges.issue(7L, PasskeyChallenges.REGISTER);
        assertTrue(challenges.take(Optional.of(challenges.cookie(again)), null, PasskeyChallenges.SIGN_IN).isEmpty(), "a sign-in");
        PasskeyChallenges.Issued signIn = challenges.issue(null, PasskeyChallenges.SIGN_IN);
        assertTrue(challenges.take(Optional.of(challenges.cookie(signIn)), 7L, PasskeyChallenges.REGISTER).isEmpty(), "a sign-in's challenge cannot register");
        PasskeyChallenges.Issued mine = challenges.issue(7L, PasskeyChallenges.REGISTER);
        assertTrue(challenges.take(Optional.of(challenges.cookie(mine)), 7L, PasskeyChallenges.REGISTER).isPresent());
    }

    @Test
    void aConfirmationsChallengeIsOnlyForItsChangeAndItsUser() {
        String removal = PasskeyChallenges.stepUp("remove-passkey");
        for (String other : List.of(PasskeyChallenges.stepUp("add-passkey"), PasskeyChallenges.REGISTER)) {
            PasskeyChallenges.Issued issued = challenges.issue(7L, removal);
            assertTrue(challenges.take(Optional.of(challenges.cookie(issued)), 7L, other).isEmpty(), other);
        }
        PasskeyChallenges.Issued forSignIn = challenges.issue(7L, removal);
        assertTrue(challenges.take(Optional.of(challenges.cookie(forSignIn)), null, PasskeyChallenges.SIGN_IN).isEmpty(), "no sign-in");
        PasskeyChallenges.Issued ofSeven = challenges.issue(7L, removal);
        assertTrue(challenges.take(Optional.of(challenges.cookie(ofSeven)), 8L, removal).isEmpty(), "another user");
        PasskeyChallenges.Issued registration = challenges.issue(7L, PasskeyChallenges.REGISTER);
        assertTrue(challenges.take(Optional.of(challenges.cookie(registration)), 7L, removal).isEmpty(), "a registration's");
        PasskeyChallenges.Issued mine = challenges.issue(7L, removal);
        assertTrue(challenges.take(Optional.of(challenges.cookie(mine)), 7L, removal).isPresent());
    }

    @Test
    void onlyACookieWeSignedNamesAChallenge() {
        PasskeyChallenges.Issued issued = challenges.issue(null, PasskeyChallenges.SIGN_IN);
        String cookie = challenges.cookie(issued);
        SignedValue otherPurpose = new SignedValue(KEYS, "signin.csrf");
        for (String forged : List.of(issued.id(), issued.id() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                otherPurpose.sign(issued.id()), cookie.substring(1), "", "x".repeat(200), cookie + "x")) {
            assertTrue(challenges.take(Optional.of(forged), null, PasskeyChallenges.SIGN_IN).isEmpty(), forged);
        }
        assertTrue(challenges.take(Optional.empty(), null, PasskeyChallenges.SIGN_IN).isEmpty(), "no cookie: another browser");
        assertFalse(memory.rows.isEmpty(), "none of that used it up");
        assertTrue(challenges.take(Optional.of(cookie), null, PasskeyChallenges.SIGN_IN).isPresent());
    }
}
