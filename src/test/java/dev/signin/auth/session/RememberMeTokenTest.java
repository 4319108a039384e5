package dev.signin.auth.session;

import dev.signin.config.Mode;
import dev.signin.config.SecretKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RememberMeTokenTest {

    static final String KEY = "current-secret-current-secret-current-secret";
    static final String OLD_KEY = "previous-secret-previous-secret-previous-secret";
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static SecretKeys keys(String secret, String... fallbacks) {
        return SecretKeys.load(Mode.PRODUCTION, Optional.of(secret), List.of(fallbacks), Path.of("unused"));
    }

    private final RememberMeToken tokens = new RememberMeToken(keys(KEY), CLOCK);
    private final RememberMeToken.Claims claims = new RememberMeToken.Claims(42, 3, NOW.plus(Duration.ofDays(30)));

    @Test
    void roundTrips() {
        String token = tokens.sign(claims);
        assertTrue(token.startsWith("1.42.3." + claims.expires().getEpochSecond() + "."), token);
        assertEquals(Optional.of(claims), tokens.verify(token));
    }

    @Test
    void rejectsAnyChangeToTheClaims() {
        String token = tokens.sign(claims);
        String mac = token.substring(token.lastIndexOf('.'));
        assertEquals(Optional.empty(), tokens.verify("1.43.3." + claims.expires().getEpochSecond() + mac), "other user");
        assertEquals(Optional.empty(), tokens.verify("1.42.4." + claims.expires().getEpochSecond() + mac), "other version");
        assertEquals(Optional.empty(), tokens.verify("1.42.3." + (claims.expires().getEpochSecond() + 86400) + mac), "longer life");
    }

    @Test
    void rejectsAChangedSignature() {
        String token = tokens.sign(claims);
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals(Optional.empty(), tokens.verify(tampered));
    }

    @Test
    void rejectsExpiredTokens() {
        var expired = new RememberMeToken.Claims(42, 3, NOW.minusSeconds(1));
        assertEquals(Optional.empty(), tokens.verify(tokens.sign(expired)));
        var now = new RememberMeToken.Claims(42, 3, NOW);
        assertEquals(Optional.empty(), tokens.verify(tokens.sign(now)));
    }

    @Test
    void rejectsTokensSignedWithAnotherSecret() {
        var other = new RememberMeToken(keys(OLD_KEY), CLOCK);
        assertEquals(Optional.empty(), tokens.verify(other.sign(claims)));
    }

    @Test
    void acceptsTokensSignedWithAFallbackKeyAndSignsWithTheCurrentOne() {
        var before = new RememberMeToken(keys(OLD_KEY), CLOCK);
        var rotated = new RememberMeToken(keys(KEY, OLD_KEY), CLOCK);
        String oldToken = before.sign(claims);
        assertEquals(Optional.of(claims), rotated.verify(oldToken));
        assertNotEquals(oldToken, rotated.sign(claims));
        assertEquals(Optional.of(claims), tokens.verify(rotated.sign(claims)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2.3.4", "2.42.3.1795000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "1.-42.3.1795000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "1.42.3.1795000000.AAAA",
            "1.99999999999999999999.3.1795000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "<script>", "1.42.3.x.y"})
    void rejectsGarbage(String token) {
        assertEquals(Optional.empty(), tokens.verify(token));
    }

    @Test
    void rejectsNullAndHugeValues() {
        assertEquals(Optional.empty(), tokens.verify(null));
        assertEquals(Optional.empty(), tokens.verify("1." + "9".repeat(10_000)));
    }
}
