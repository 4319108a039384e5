package dev.signin.config;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * A value the app signs with its secret: {@code <payload>.<mac>}, where mac is HMAC-SHA256 over a
 * purpose and the payload, with the current key; the fallback keys still verify. The purpose keeps
 * one kind of signed value (a remember-me cookie, a device cookie, a CSRF cookie) from passing for
 * another.
 */
public final class SignedValue {

    private static final String ALGORITHM = "HmacSHA256";
    /** The length of an unpadded base64url HMAC-SHA256. */
    static final int MAC_LENGTH = 43;

    private final SecretKeys keys;
    private final String purpose;

    public SignedValue(SecretKeys keys, String purpose) {
        this.keys = keys;
        this.purpose = purpose + "|";
    }

    public String sign(String payload) {
        return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(keys.current(), payload));
    }

    /** The payload of a value signed with the current key or a fallback; the caller checks its format. */
    public Optional<String> payloadOf(String token, int maxLength) {
        if (token == null || token.length() > maxLength) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot < 0 || token.length() - dot - 1 != MAC_LENGTH) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean signed = false;
        for (byte[] key : keys.verifying()) {
            // Constant-time comparison; every key is tried so timing does not say which one matched.
            signed |= MessageDigest.isEqual(mac(key, payload), presented);
        }
        return signed ? Optional.of(payload) : Optional.empty();
    }

    private byte[] mac(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal((purpose + payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
