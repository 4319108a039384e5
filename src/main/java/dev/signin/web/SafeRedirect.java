package dev.signin.web;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where to go after sign-in: the {@code next} the visitor first asked for, but only a path of
 * this app. Anything that a browser could read as another host ({@code //host},
 * {@code https://host}, {@code /\host}, control characters that browsers strip) falls back to
 * {@code /}.
 */
public final class SafeRedirect {

    public static final String HOME = "/";
    private static final int MAX_LENGTH = 2048;

    private SafeRedirect() {
    }

    public static String localPath(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH) {
            return HOME;
        }
        if (next.charAt(0) != '/' || next.startsWith("//")) {
            return HOME;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            // Browsers treat '\' as '/' and drop tabs and newlines: "/\evil" and "/\t/evil" mean "//evil".
            if (c == '\\' || c <= 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                return HOME;
            }
        }
        try {
            URI uri = new URI(next);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null
                    || !uri.getRawPath().startsWith("/")) {
                return HOME;
            }
        } catch (URISyntaxException e) {
            return HOME;
        }
        return next;
    }
}
