package dev.signin.web.pages;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where to go after sign-in: the {@code next} the visitor first asked for, but only a path of
 * this app. Anything that a browser could read as another host ({@code //host},
 * {@code https://host}, {@code /\host}, control characters that browsers strip) falls back to
 * {@code /}.
 *
 * <p>What is checked is exactly what goes on the wire: the container writes each character of a
 * header as its low byte (U+012F would become '/'), so everything outside ASCII is percent-encoded
 * as UTF-8 first, and the check and the Location header both use that ASCII form.
 */
public final class SafeRedirect {

    public static final String HOME = "/";
    private static final int MAX_LENGTH = 2048;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SafeRedirect() {
    }

    public static String localPath(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH) {
            return HOME;
        }
        return ascii(next).filter(SafeRedirect::isLocalPath).orElse(HOME);
    }

    /**
     * The text with every non-ASCII character percent-encoded as UTF-8; empty if it holds an
     * unpaired surrogate or a C1 control character (which some browsers strip, like the C0 ones).
     */
    static Optional<String> ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint < 0x80) {
                out.append((char) codePoint);
            } else if (codePoint <= 0x9f || codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                return Optional.empty();
            } else {
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
        }
        return Optional.of(out.toString());
    }

    private static boolean isLocalPath(String path) {
        if (path.charAt(0) != '/' || path.startsWith("//")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            // Browsers treat '\' as '/' and drop tabs and newlines: "/\evil" and "/\t/evil" mean "//evil".
            if (c == '\\' || c <= 0x20 || c == 0x7f) {
                return false;
            }
        }
        try {
            URI uri = new URI(path);
            return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawPath() != null
                    && uri.getRawPath().startsWith("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
