package dev.signin.auth.passkeys;

import java.util.Base64;
import java.util.Optional;

/** base64url without padding, as WebAuthn's JSON forms and our forms and columns carry binary values. */
public final class PasskeyCodec {

    private PasskeyCodec() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] decode(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    /** A field from the browser: present, at most max characters, base64url; else empty. */
    public static Optional<byte[]> field(String text, int max) {
        if (text == null || text.isEmpty() || text.length() > max || !text.matches("[A-Za-z0-9_-]+=*")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getUrlDecoder().decode(text.replace("=", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
