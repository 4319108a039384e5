package dev.signin.auth.twostep;

import dev.signin.config.KeyedHash;
import dev.signin.config.Mode;
import dev.signin.config.SecretKeys;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryCodesTest {

    static final String OLD = "the-old-secret-of-more-than-thirty-two-bytes";
    static final String NEW = "the-new-secret-of-more-than-thirty-two-bytes";

    @Test
    void tenDistinctCodesOfOneHundredTwentyRandomBits() {
        List<String> codes = RecoveryCodes.generate();
        assertEquals(10, codes.size());
        assertEquals(10, new HashSet<>(codes).size());
        codes.forEach(code -> assertTrue(code.matches("[a-z2-7]{6}-[a-z2-7]{6}-[a-z2-7]{6}-[a-z2-7]{6}"), code));
    }

    @Test
    void typedAnyWayTheyMeanTheSameCode() {
        String code = "abcdef234567ghijkl765432";
        assertEquals(Optional.of(code), RecoveryCodes.normalized("abcdef-234567-ghijkl-765432"));
        assertEquals(Optional.of(code), RecoveryCodes.normalized(" ABCDEF 234567 GHIJKL 765432 "));
        assertEquals(Optional.of(code), RecoveryCodes.normalized(code));
        assertTrue(RecoveryCodes.normalized("123456").isEmpty(), "an app's code is no recovery code");
        assertTrue(RecoveryCodes.normalized("abcdef-234567-ghijkl-76543").isEmpty(), "too short");
        assertTrue(RecoveryCodes.normalized("abcdef-234567-ghijkl-765438").isEmpty(), "8 is not base32");
        assertTrue(RecoveryCodes.normalized(null).isEmpty());
    }

    @Test
    void storedAsKeyedHashesPerAccountThatSurviveARotation() {
        KeyedHash before = new KeyedHash(keys(OLD), "recovery-code");
        String stored = before.hash(RecoveryCodes.hashInput(7, "abcde23456"));
        assertEquals(64, stored.length(), "HMAC-SHA256 in hex");
        assertTrue(!stored.contains("abcde"), "not the code itself");
        assertNotEquals(stored, before.hash(RecoveryCodes.hashInput(8, "abcde23456")), "bound to the account");
        assertNotEquals(stored, new KeyedHash(keys(OLD), "another purpose").hash(RecoveryCodes.hashInput(7, "abcde23456")));

        KeyedHash rotated = new KeyedHash(keys(NEW, OLD), "recovery-code");
        assertTrue(rotated.candidates(RecoveryCodes.hashInput(7, "abcde23456")).contains(stored), "the old key still matches");
        assertNotEquals(stored, rotated.hash(RecoveryCodes.hashInput(7, "abcde23456")), "new codes use the new key");
        assertTrue(!new KeyedHash(keys(NEW), "recovery-code").candidates(RecoveryCodes.hashInput(7, "abcde23456")).contains(stored),
                "once the old key is dropped, its hashes match nothing");
    }

    static SecretKeys keys(String current, String... fallbacks) {
        return SecretKeys.load(Mode.PRODUCTION, Optional.of(current), List.of(fallbacks), Path.of("unused"));
    }
}
