package dev.signin.audit;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditTest {

    @Test
    void writesOneLineOfJsonEvenForHostileUsernames() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", "sign_in_failure");
        fields.put("user_id", 42L);
        fields.put("username", "evil\"\n{\"event\":\"forged\"}\\\u0001");
        String json = Audit.toJson(fields);
        assertEquals("{\"event\":\"sign_in_failure\",\"user_id\":42,"
                + "\"username\":\"evil\\\"\\n{\\\"event\\\":\\\"forged\\\"}\\\\\\u0001\"}", json);
        assertTrue(json.lines().count() == 1);
    }

    @Test
    void sessionIdsAreHashedNotWritten() {
        String hash = Audit.sessionHash("58dde64f2915030bd2b80cf7326c");
        assertEquals(24, hash.length());
        assertTrue(hash.matches("[0-9a-f]{24}"));
        assertEquals(hash, Audit.sessionHash("58dde64f2915030bd2b80cf7326c"), "stable: one session can be followed");
        assertNotEquals(hash, Audit.sessionHash("58dde64f2915030bd2b80cf7326d"));
    }
}
