package dev.signin.auth.session;

import dev.signin.config.SecretKeys;
import dev.signin.config.SignedValue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of the device cookie (OWASP, "Slow Down Online Guessing Attacks with Device
 * Cookies"): {@code 1.<userId>.<credentialVersion>.<deviceId>.<expires>.<mac>}. A browser gets one
 * when it signs in successfully; with it, sign-ins for that account are not held by the account's
 * wait, only by the device's own limit. A change of credentials revokes it.
 */
public final class DeviceToken {

    /** What a valid token says. */
    public record Claims(long userId, int credentialVersion, String deviceId, Instant expires) {
    }

    private static final Pattern PAYLOAD = Pattern.compile("1\\.(\\d{1,18})\\.(\\d{1,9})\\.([A-Za-z0-9_-]{22})\\.(\\d{1,12})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignedValue signed;
    private final Clock clock;

    public DeviceToken(SecretKeys keys, Clock clock) {
        this.signed = new SignedValue(keys, "signin.device");
        this.clock = clock;
    }

    /** A random id for a browser that has none yet (128 bits). */
    public static String newDeviceId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    public String sign(Claims claims) {
        return signed.sign("1." + claims.userId() + "." + claims.credentialVersion() + "." + claims.deviceId()
                + "." + claims.expires().getEpochSecond());
    }

    /** The claims of a token we signed that has not expired (whether it is still current is the caller's question). */
    public Optional<Claims> verify(String token) {
        return signed.payloadOf(token, 160).map(PAYLOAD::matcher).filter(Matcher::matches).flatMap(m -> {
            Instant expires = Instant.ofEpochSecond(Long.parseLong(m.group(4)));
            return expires.isAfter(clock.instant())
                    ? Optional.of(new Claims(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), expires))
                    : Optional.empty();
        });
    }
}
