package dev.signin.auth.throttle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientNetworkTest {

    @Test
    void anIpv4AddressIsItsOwnNetwork() {
        assertEquals("203.0.113.7", ClientNetwork.of("203.0.113.7"));
        assertEquals("203.0.113.7", ClientNetwork.of("203.000.113.007"), "one key however it is written");
        assertEquals("203.0.113.8", ClientNetwork.of("203.0.113.8"), "its neighbour is another");
    }

    @Test
    void anIpv6AddressCountsUnderItsSixtyFour() {
        assertEquals("2001:db8:1:2::/64", ClientNetwork.of("2001:db8:1:2:3:4:5:6"));
        assertEquals("2001:db8:1:2::/64", ClientNetwork.of("2001:DB8:0001:0002::ffff"));
        assertEquals("2001:db8:1:2::/64", ClientNetwork.of("2001:db8:1:2::"));
        assertEquals("2001:db8:0:0::/64", ClientNetwork.of("2001:db8::1"));
        assertEquals("2001:db8:1:3::/64", ClientNetwork.of("2001:db8:1:3::1"), "the next /64 is another network");
        assertEquals("0:0:0:0::/64", ClientNetwork.of("::1"));
        assertEquals("0:0:0:0::/64", ClientNetwork.of("0:0:0:0:0:0:0:1"), "as the container reports its peer");
        assertEquals("fe80:0:0:0::/64", ClientNetwork.of("fe80::1%eth0"));
        assertEquals("2001:db8:1:2::/64", ClientNetwork.of("[2001:db8:1:2::9]"));
        assertEquals("64:ff9b:0:0::/64", ClientNetwork.of("64:ff9b::192.0.2.1"), "a dotted tail is part of the address");
    }

    @Test
    void anIpv4MappedAddressIsItsIpv4Address() {
        assertEquals("203.0.113.7", ClientNetwork.of("::ffff:203.0.113.7"));
        assertEquals("203.0.113.7", ClientNetwork.of("::FFFF:cb00:7107"));
        assertEquals("203.0.113.7", ClientNetwork.of("0:0:0:0:0:ffff:203.0.113.7"));
    }

    @Test
    void whatIsNoAddressIsKeptAsItCame() {
        for (String odd : new String[] {"1.2.3", "1.2.3.256", "1.2.3.4.5", "1:2:3", "1::2::3", "12345::1", "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7::8", "::ffff:1.2.3", "1.2.3.4::", "unknown", ""}) {
            assertEquals(odd, ClientNetwork.of(odd), odd);
        }
    }
}
