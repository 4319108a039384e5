package dev.signin.web.session;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientAddressTest {

    static final Set<String> PROXY = Set.of("10.0.0.5");

    @Test
    void withoutATrustedProxyThePeerIsTheClientWhateverTheHeaderSays() {
        assertEquals("192.0.2.9", ClientAddress.of("192.0.2.9", "203.0.113.1", PROXY));
        assertEquals("192.0.2.9", ClientAddress.of("192.0.2.9", "203.0.113.1", Set.of()));
    }

    @Test
    void behindATrustedProxyTheNearestUntrustedForwardedAddressIsTheClient() {
        assertEquals("203.0.113.1", ClientAddress.of("10.0.0.5", "203.0.113.1", PROXY));
        // The client may prepend anything; only what our proxy appended counts.
        assertEquals("203.0.113.1", ClientAddress.of("10.0.0.5", "1.2.3.4, 203.0.113.1", PROXY));
        assertEquals("203.0.113.1", ClientAddress.of("10.0.0.5", "203.0.113.1, 10.0.0.5", PROXY));
        assertEquals("2001:db8::1", ClientAddress.of("10.0.0.5", "2001:db8::1", PROXY));
    }

    @Test
    void garbageInTheHeaderFallsBackToThePeer() {
        assertEquals("10.0.0.5", ClientAddress.of("10.0.0.5", "", PROXY));
        assertEquals("10.0.0.5", ClientAddress.of("10.0.0.5", null, PROXY));
        assertEquals("10.0.0.5", ClientAddress.of("10.0.0.5", "<script>", PROXY));
        assertEquals("10.0.0.5", ClientAddress.of("10.0.0.5", "1".repeat(100), PROXY));
    }
}
