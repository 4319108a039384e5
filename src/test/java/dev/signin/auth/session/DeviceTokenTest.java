package dev.signin.auth.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.signin.auth.session.RememberMeTokenTest.CLOCK;
import static dev.signin.auth.session.RememberMeTokenTest.KEY;
import static dev.signin.auth.session.RememberMeTokenTest.NOW;
import static dev.signin.auth.session.RememberMeTokenTest.OLD_KEY;
import static dev.signin.auth.session.RememberMeTokenTest.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceTokenTest {

    private final DeviceToken tokens = new DeviceToken(keys(KEY), CLOCK);
    private final DeviceToken.Claims claims = new DeviceToken.Claims(42, 3, DeviceToken.newDeviceId(), NOW.plus(Duration.ofDays(365)));

    @Test
    void roundTripsAndEachBrowserGetsItsOwnId() {
        String token = tokens.sign(claims);
        assertTrue(token.startsWith("1.42.3." + claims.deviceId() + "."), token);
        assertEquals(Optional.of(claims), tokens.verify(token));
        assertEquals(22, claims.deviceId().length(), "128 random bits");
        assertNotEquals(DeviceToken.newDeviceId(), DeviceToken.newDeviceId());
    }

    @Test
    void aTamperedOrExpiredOrForeignTokenIsRefused() {
        String token = tokens.sign(claims);
        String otherUser = token.replaceFirst("^1\\.42\\.", "1.43.");
        assertEquals(Optional.empty(), tokens.verify(otherUser));
        String newerVersion = token.replaceFirst("^1\\.42\\.3\\.", "1.42.4.");
        assertEquals(Optional.empty(), tokens.verify(newerVersion));
        String expired = tokens.sign(new DeviceToken.Claims(42, 3, claims.deviceId(), NOW.minusSeconds(1)));
        assertEquals(Optional.empty(), tokens.verify(expired));
        assertEquals(Optional.empty(), new DeviceToken(keys(OLD_KEY), CLOCK).verify(token), "signed with a key it does not know");
        assertEquals(Optional.empty(), tokens.verify("garbage"));
        assertEquals(Optional.empty(), tokens.verify(null));
    }

    @Test
    void aRememberMeTokenIsNoDeviceToken() {
        RememberMeToken rememberMe = new RememberMeToken(keys(KEY), CLOCK);
        String remembered = rememberMe.sign(new RememberMeToken.Claims(42, 3, NOW.plusSeconds(60)));
        assertEquals(Optional.empty(), tokens.verify(remembered));
    }

    @Test
    void theOldKeyStillVerifiesAfterARotation() {
        String signedWithOld = new DeviceToken(keys(OLD_KEY), CLOCK).sign(claims);
        assertEquals(Optional.of(claims), new DeviceToken(keys(KEY, OLD_KEY), CLOCK).verify(signedWithOld));
    }
}
