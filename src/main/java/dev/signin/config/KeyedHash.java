package dev.signin.config;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;

/**
 * A fast keyed hash for stored values of high entropy (recovery codes: 50 random bits each, so a
 * slow password hash adds nothing): HMAC-SHA256 with a key derived from the secret for this
 * purpose, in hex. New values are hashed with the current secret; {@link #candidates} gives the
 * hash under every key, current and fallbacks, so stored hashes survive a rotation. Without the
 * secret, a copy of the database does not let anyone test guesses.
 */
public final class KeyedHash {

    private final List<byte[]> keys;

    public KeyedHash(SecretKeys secrets, String purpose) {
        this.keys = secrets.verifying().stream().map(secret -> SealedValue.derive(secret, "signin.hash|" + purpose)).toList();
    }

    /** The hash to store, under the current key. */
    public String hash(String value) {
        return hash(keys.get(0), value);
    }

    /** The hash under each key, the current one first: a stored value matches one of them. */
    public List<String> candidates(String value) {
        return keys.stream().map(key -> hash(key, value)).toList();
    }

    private static String hash(byte[] key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
