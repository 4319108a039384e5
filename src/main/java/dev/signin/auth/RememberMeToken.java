package dev.signin.auth;

import dev.signin.config.SecretKeys;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of the remember-me cookie: {@code 1.<userId>.<tokenVersion>.<expires>.<mac>}, where
 * mac is HMAC-SHA256 with the app's secret. No password, no session id, nothing to look up: the
 * signature says we issued it, the token version (kept per user in the database) says it has not
 * been revoked by a sign-out or a password change since.
 */
public final class RememberMeToken {

    /** What a valid token says. */
    public record Claims(long userId, int tokenVersion, Instant expires) {
    }

    private static final String ALGORITHM = "HmacSHA256";
    // Separates this use of the secret from any other signature the app may make with it.
    private static final String PURPOSE = "signin.remember-me|";
    private static final Pattern FORMAT = Pattern.compile("1\\.(\\d{1,18})\\.(\\d{1,9})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{43})");

    private final SecretKeys keys;
    private final Clock clock;

    public RememberMeToken(SecretKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public String sign(Claims claims) {
        String payload = "1." + claims.userId() + "." + claims.tokenVersion() + "." + claims.expires().getEpochSecond();
        return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(keys.current(), payload));
    }

    /** The claims of a token we signed (with the current key or a fallback) that has not expired. */
    public Optional<Claims> verify(String token) {
        if (token == null || token.length() > 128) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        String payload = token.substring(0, token.lastIndexOf('.'));
        byte[] presented = Base64.getUrlDecoder().decode(m.group(4));
        boolean signed = false;
        for (byte[] key : keys.verifying()) {
            // Constant-time comparison; every key is tried so timing does not say which one matched.
            signed |= MessageDigest.isEqual(mac(key, payload), presented);
        }
        if (!signed) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(m.group(3)));
        if (!expires.isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new Claims(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), expires));
    }

    private static byte[] mac(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal((PURPOSE + payload).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
