package dev.signin.audit;

import dev.signin.auth.SecurityEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditTest {

    @Test
    void writesOneLineOfJsonEvenForHostileUsernames() {
        String json = AuditLog.line(new SecurityEvent(SecurityEvent.Kind.SIGN_IN_FAILURE, Instant.parse("2026-11-30T12:00:00Z"),
                null, "evil\"\n{\"event\":\"forged\"}\\\u0001\u2028x", "198.51.100.7", null));
        assertEquals("{\"time\":\"2026-11-30T12:00:00Z\",\"event\":\"sign_in_failure\","
                + "\"username\":\"evil\\\"\\n{\\\"event\\\":\\\"forged\\\"}\\\\\\u0001\\u2028x\",\"client\":\"198.51.100.7\"}", json);
        assertEquals(1, json.lines().count());
    }

    @Test
    void aUserIdIsANumberAndTheSessionOnlyAHash() {
        String json = AuditLog.line(new SecurityEvent(SecurityEvent.Kind.SIGN_OUT, Instant.parse("2026-11-30T12:00:00Z"),
                42L, null, "198.51.100.7", "58dde64f2915030bd2b80cf7326c"));
        assertTrue(json.contains("\"user_id\":42,"), json);
        assertTrue(json.contains("\"session\":\"" + AuditLog.sessionHash("58dde64f2915030bd2b80cf7326c") + "\""), json);
        assertFalse(json.contains("58dde64f2915030bd2b80cf7326c"), json);
    }

    @Test
    void aLongAttemptedUsernameIsCut() {
        String json = AuditLog.line(new SecurityEvent(SecurityEvent.Kind.SIGN_IN_FAILURE, Instant.EPOCH, null,
                "x".repeat(500), "198.51.100.7", null));
        assertTrue(json.contains("\"username\":\"" + "x".repeat(64) + "\""), json);
    }

    @Test
    void sessionIdsAreHashedNotWritten() {
        String hash = AuditLog.sessionHash("58dde64f2915030bd2b80cf7326c");
        assertEquals(24, hash.length());
        assertTrue(hash.matches("[0-9a-f]{24}"));
        assertEquals(hash, AuditLog.sessionHash("58dde64f2915030bd2b80cf7326c"), "stable: one session can be followed");
        assertNotEquals(hash, AuditLog.sessionHash("58dde64f2915030bd2b80cf7326d"));
    }
}
