package dev.signin.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretKeysTest {

    static final String SECRET = "a-secret-of-more-than-thirty-two-bytes!";

    @TempDir
    Path dataDir;

    @Test
    void productionRefusesToStartWithoutASecret() {
        var e = assertThrows(ConfigurationException.class,
                () -> SecretKeys.load(Mode.PRODUCTION, Optional.empty(), List.of(), dataDir));
        assertTrue(e.getMessage().contains("SIGNIN_SECRET"), e.getMessage());
        assertThrows(ConfigurationException.class,
                () -> SecretKeys.load(Mode.PRODUCTION, Optional.of("   "), List.of(), dataDir));
        assertFalse(Files.exists(dataDir.resolve(SecretKeys.GENERATED_FILE)), "production never generates one");
    }

    @Test
    void refusesShortSecretsInEveryMode() {
        String shortSecret = "x".repeat(SecretKeys.MIN_BYTES - 1);
        for (Mode mode : Mode.values()) {
            var e = assertThrows(ConfigurationException.class,
                    () -> SecretKeys.load(mode, Optional.of(shortSecret), List.of(), dataDir));
            assertTrue(e.getMessage().contains("31 bytes"), e.getMessage());
        }
        assertThrows(ConfigurationException.class,
                () -> SecretKeys.load(Mode.PRODUCTION, Optional.of(SECRET), List.of("too-short"), dataDir));
    }

    @Test
    void usesTheConfiguredSecretFirstThenTheFallbacks() {
        String old = "an-older-secret-also-thirty-two-bytes-long";
        SecretKeys keys = SecretKeys.load(Mode.PRODUCTION, Optional.of(SECRET), List.of(" " + old + " ", ""), dataDir);
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), keys.current());
        assertEquals(2, keys.verifying().size());
        assertArrayEquals(old.getBytes(StandardCharsets.UTF_8), keys.verifying().get(1));
    }

    @Test
    void devGeneratesAStrongSecretOnceAndKeepsIt() throws Exception {
        SecretKeys first = SecretKeys.load(Mode.DEV, Optional.empty(), List.of(), dataDir);
        Path file = dataDir.resolve(SecretKeys.GENERATED_FILE);
        assertTrue(Files.isRegularFile(file));
        assertTrue(first.current().length >= SecretKeys.MIN_BYTES, "at least 256 bits, base64url-encoded");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        SecretKeys second = SecretKeys.load(Mode.DEV, Optional.empty(), List.of(), dataDir);
        assertArrayEquals(first.current(), second.current(), "the same secret after a restart");

        Path otherDir = Files.createTempDirectory("signin-other");
        SecretKeys elsewhere = SecretKeys.load(Mode.DEV, Optional.empty(), List.of(), otherDir);
        assertFalse(java.util.Arrays.equals(first.current(), elsewhere.current()), "random, not a constant");
    }

    @Test
    void devStillPrefersAConfiguredSecret() {
        SecretKeys keys = SecretKeys.load(Mode.DEV, Optional.of(SECRET), List.of(), dataDir);
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), keys.current());
        assertFalse(Files.exists(dataDir.resolve(SecretKeys.GENERATED_FILE)));
    }

    @Test
    void modeNamesAreCheckedToo() {
        assertEquals(Mode.DEV, Mode.parse("dev"));
        assertEquals(Mode.PRODUCTION, Mode.parse(" Production "));
        assertThrows(ConfigurationException.class, () -> Mode.parse("staging"));
    }
}
