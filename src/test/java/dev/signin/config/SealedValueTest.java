package dev.signin.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SealedValueTest {

    static final String OLD = "the-old-secret-of-more-than-thirty-two-bytes";
    static final String NEW = "the-new-secret-of-more-than-thirty-two-bytes";
    static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    static SecretKeys keys(String current, String... fallbacks) {
        return SecretKeys.load(Mode.PRODUCTION, Optional.of(current), List.of(fallbacks), Path.of("unused"));
    }

    @Test
    void roundTripsWithAFreshNonceEachTime() {
        SealedValue sealer = new SealedValue(keys(NEW), "totp-key");
        String once = sealer.seal(KEY, "user:7");
        String twice = sealer.seal(KEY, "user:7");
        assertNotEquals(once, twice, "a 96-bit random nonce per value");
        assertTrue(once.startsWith("1."));
        byte[] raw = Base64.getUrlDecoder().decode(once.substring(2));
        assertEquals(12 + KEY.length + 16, raw.length, "nonce, ciphertext, 128-bit tag");
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("1234567890"), "not in clear");
        assertArrayEquals(KEY, sealer.open(once, "user:7").orElseThrow());
        assertArrayEquals(KEY, sealer.open(twice, "user:7").orElseThrow());
    }

    @Test
    void aValueSealedWithAnOldKeyIsReadAfterTheRotation() {
        String sealedBefore = new SealedValue(keys(OLD), "totp-key").seal(KEY, "user:7");
        SealedValue rotated = new SealedValue(keys(NEW, OLD), "totp-key");
        assertArrayEquals(KEY, rotated.open(sealedBefore, "user:7").orElseThrow(), "the fallback opens it");
        String sealedAfter = rotated.seal(KEY, "user:7");
        assertTrue(new SealedValue(keys(OLD), "totp-key").open(sealedAfter, "user:7").isEmpty(), "new values use the new key");
        assertTrue(new SealedValue(keys(NEW), "totp-key").open(sealedBefore, "user:7").isEmpty(),
                "once the old key is dropped, its values no longer open");
    }

    @Test
    void tamperedForeignOrMisplacedValuesDoNotOpen() {
        SealedValue sealer = new SealedValue(keys(NEW), "totp-key");
        String sealed = sealer.seal(KEY, "user:7");
        assertTrue(sealer.open(sealed, "user:8").isEmpty(), "copied to another account's row");
        assertTrue(new SealedValue(keys(NEW), "other").open(sealed, "user:7").isEmpty(), "another purpose");
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(2));
        raw[raw.length - 1] ^= 1;
        assertTrue(sealer.open("1." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw), "user:7").isEmpty(), "tampered");
        assertTrue(sealer.open("1.short", "user:7").isEmpty());
        assertTrue(sealer.open("2." + sealed.substring(2), "user:7").isEmpty());
        assertTrue(sealer.open("1.not base64!", "user:7").isEmpty());
        assertTrue(sealer.open(null, "user:7").isEmpty());
    }
}
