package dev.signin.web.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionIdStrengthTest {

    @Test
    void payarasOwnIdsAreWeakAndTheAppsAreStrong() {
        assertEquals(112, SessionIdStrength.maxBits("0A1B2C3D4E5F60718293A4B5C6D7"));
        assertFalse(SessionIdStrength.strong("0A1B2C3D4E5F60718293A4B5C6D7"), "Payara's 28 hex digits");
        assertTrue(SessionIdStrength.strong(ContainerSessionIds.next()), "the app's 32 hex digits");
        assertEquals(32, ContainerSessionIds.next().length());
    }

    @Test
    void theFormatBoundsTheBits() {
        assertEquals(132, SessionIdStrength.maxBits("x".repeat(21) + "-"), 0.001, "22 base64url characters");
        assertTrue(SessionIdStrength.strong("abcdefghijklmnopqrstuvwxyz012345"), "32 base64url characters: 192 bits at most");
        assertFalse(SessionIdStrength.strong("1".repeat(38)), "38 decimal digits: 126 bits");
        assertTrue(SessionIdStrength.strong("1".repeat(39)), "39 decimal digits: 129 bits");
        assertFalse(SessionIdStrength.strong("0123456789abcdef0123456789abcde"), "31 hex digits");
        assertFalse(SessionIdStrength.strong("abc.def!ghi~jkl;mno,pqr stu*vwx yz0123456789"), "an unknown alphabet is not vouched for");
        assertFalse(SessionIdStrength.strong(""));
        assertFalse(SessionIdStrength.strong(null));
    }

    @Test
    void aSampleOfRandomIdsLooksRandomAndOneWithACommonStartDoesNot() {
        List<String> random = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            random.add(ContainerSessionIds.next());
        }
        assertTrue(SessionIdStrength.sampleLooksRandom(random));
        List<String> clocked = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clocked.add("19c2f3a4" + ContainerSessionIds.next().substring(8)); // strong by format, but a shared start
        }
        assertFalse(SessionIdStrength.sampleLooksRandom(clocked));
        assertFalse(SessionIdStrength.sampleLooksRandom(List.of(random.get(0), random.get(0))), "repeated");
    }
}
