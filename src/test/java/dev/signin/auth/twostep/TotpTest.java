package dev.signin.auth.twostep;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TotpTest {

    /** RFC 6238, appendix B: the SHA-1 seed and its 8-digit codes. */
    static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    static final Map<Long, String> RFC_6238_SHA1 = Map.of(
            59L, "94287082",
            1111111109L, "07081804",
            1111111111L, "14050471",
            1234567890L, "89005924",
            2000000000L, "69279037",
            20000000000L, "65353130");

    @Test
    void theCodesOfRfc6238() {
        RFC_6238_SHA1.forEach((seconds, expected) -> {
            long step = Totp.step(Instant.ofEpochSecond(seconds));
            assertEquals(expected, Totp.code(SEED, step, 8), "8 digits at " + seconds);
            assertEquals(expected.substring(2), Totp.code(SEED, step), "6 digits at " + seconds + ": the last six");
        });
    }

    @Test
    void aCodeCountsWithinOneStepEitherWayAndOnlyAfterTheLastOneUsed() {
        Instant now = Instant.ofEpochSecond(1234567890L);
        long step = Totp.step(now);
        assertEquals(OptionalLong.of(step), Totp.matchingStep(SEED, Totp.code(SEED, step), now, 0));
        assertEquals(OptionalLong.of(step - 1), Totp.matchingStep(SEED, Totp.code(SEED, step - 1), now, 0));
        assertEquals(OptionalLong.of(step + 1), Totp.matchingStep(SEED, Totp.code(SEED, step + 1), now, 0));
        assertTrue(Totp.matchingStep(SEED, Totp.code(SEED, step - 2), now, 0).isEmpty(), "two steps old");
        assertTrue(Totp.matchingStep(SEED, Totp.code(SEED, step + 2), now, 0).isEmpty(), "two steps ahead");
        assertTrue(Totp.matchingStep(SEED, Totp.code(SEED, step), now, step).isEmpty(), "used already");
        assertTrue(Totp.matchingStep(SEED, Totp.code(SEED, step - 1), now, step).isEmpty(), "older than the last used");
        assertTrue(Totp.matchingStep(SEED, "12345", now, 0).isEmpty());
        assertTrue(Totp.matchingStep(SEED, "abcdef", now, 0).isEmpty());
        assertTrue(Totp.matchingStep(SEED, null, now, 0).isEmpty());
    }

    @Test
    void base32AsRfc4648HasIt() {
        Map<String, String> vectors = Map.of("", "", "f", "MY", "fo", "MZXQ", "foo", "MZXW6", "foob", "MZXW6YQ",
                "fooba", "MZXW6YTB", "foobar", "MZXW6YTBOI");
        vectors.forEach((plain, encoded) -> {
            assertEquals(encoded, Totp.base32(plain.getBytes(StandardCharsets.US_ASCII)));
            assertArrayEquals(plain.getBytes(StandardCharsets.US_ASCII), Totp.fromBase32(encoded.toLowerCase()).orElseThrow());
        });
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.base32(SEED), "the RFC seed, as apps are given it");
        byte[] key = Totp.newKey();
        assertEquals(32, Totp.base32(key).length(), "160 bits: 32 characters, no padding");
        assertArrayEquals(key, Totp.fromBase32(Totp.base32(key)).orElseThrow());
        assertTrue(Totp.fromBase32("not base32!").isEmpty());
    }

    @Test
    void theUriAppsRead() {
        assertEquals("otpauth://totp/signin:ada%20l?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=signin"
                + "&algorithm=SHA1&digits=6&period=30", Totp.uri("signin", "ada l", SEED));
    }
}
