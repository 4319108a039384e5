package dev.signin.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RelyingPartyTest {

    @Test
    void theDefaultsAreTheDevRunsAddresses() {
        RelyingParty rp = RelyingParty.parse(RelyingParty.DEFAULT_ID, RelyingParty.DEFAULT_ORIGINS);
        assertEquals("localhost", rp.id());
        assertEquals(Set.of("http://localhost:8080", "https://localhost:8443"), rp.origins());
    }

    @Test
    void originsAreNormalisedAndMayBeOnSubdomains() {
        RelyingParty rp = RelyingParty.parse(" Example.ORG ", "https://Example.org, https://signin.example.org:8443 ,");
        assertEquals("example.org", rp.id());
        assertEquals(Set.of("https://example.org", "https://signin.example.org:8443"), rp.origins());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "127.0.0.1", "https://example.org", "example.org:443", "exa mple.org", "-example.org",
            "example..org", "example.org/"})
    void theIdMustBeAHostName(String id) {
        assertThrows(ConfigurationException.class, () -> RelyingParty.parse(id, "https://example.org"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", "http://example.org", "https://example.org/", "https://example.org/path",
            "https://evil.com", "https://notexample.org", "https://example.org.evil.com", "ftp://example.org",
            "example.org", "https://user@example.org", "https://example.org?x", "https://127.0.0.1"})
    void everyOriginMustBeHttpsOnTheIdsHost(String origins) {
        assertThrows(ConfigurationException.class, () -> RelyingParty.parse("example.org", origins));
    }

    @Test
    void plainHttpOnlyForLocalhost() {
        assertEquals(Set.of("http://localhost:41234"), RelyingParty.parse("localhost", "http://localhost:41234").origins());
        assertThrows(ConfigurationException.class, () -> RelyingParty.parse("localhost", "http://127.0.0.1:41234"));
    }
}
