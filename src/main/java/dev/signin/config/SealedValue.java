package dev.signin.config;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A value the app keeps encrypted with a key derived from its secret, so that a copy of the
 * database alone does not reveal it: AES-256-GCM, a 96-bit random nonce per value, stored as
 * {@code 1.<base64url(nonce | ciphertext | tag)>}. The key for each secret is
 * HMAC-SHA256(secret, "signin.sealed|" + purpose). The current secret encrypts; the current one
 * and every fallback decrypt, so the secret can be rotated (values sealed with an old key are
 * read, and sealed again with the new one whenever they are next written). The context (such as
 * a user id) is authenticated with the value: a value copied to another row does not open there.
 */
public final class SealedValue {

    private static final String VERSION = "1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<byte[]> keys;

    public SealedValue(SecretKeys secrets, String purpose) {
        this.keys = secrets.verifying().stream().map(secret -> derive(secret, "signin.sealed|" + purpose)).toList();
    }

    /** Encrypts with the current key. */
    public String seal(byte[] plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(0), nonce, context);
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The plain value, if one of the keys sealed it for this context; empty if tampered, foreign or malformed. */
    public Optional<byte[]> open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        byte[] nonce = Arrays.copyOf(raw, NONCE_BYTES);
        for (byte[] key : keys) {
            try {
                return Optional.of(cipher(Cipher.DECRYPT_MODE, key, nonce, context).doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES));
            } catch (AEADBadTagException notThisKey) {
                // try the next key
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is part of every JDK", e);
            }
        }
        return Optional.empty();
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A key of its own for one purpose, derived from the secret (HMAC-SHA256 as a PRF). */
    static byte[] derive(byte[] secret, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
