package dev.signin.web;

import dev.signin.config.Settings;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * The app's own cookies, all alike: for the whole site, HttpOnly, SameSite=Lax; over HTTPS
 * Secure and with the __Host- prefix, which a browser accepts only if Secure, Path=/ and without
 * Domain, so that no subdomain can plant one.
 */
final class Cookies {

    private Cookies() {
    }

    static String name(Settings settings, String name) {
        return settings.https() ? "__Host-" + name : name;
    }

    static Optional<String> value(HttpServletRequest request, Settings settings, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (name(settings, name).equals(cookie.getName())) {
                    return Optional.ofNullable(cookie.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /** A cookie to set; maxAgeSeconds -1 for one that ends with the browser, 0 to remove one. */
    static Cookie of(HttpServletRequest request, Settings settings, String name, String value, int maxAgeSeconds) {
        return named(request, settings, name(settings, name), value, maxAgeSeconds);
    }

    /** The same, under a name that already has its prefix (the container's session cookie's). */
    static Cookie named(HttpServletRequest request, Settings settings, String fullName, String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(fullName, value);
        cookie.setPath(settings.https() || request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setHttpOnly(true);
        cookie.setSecure(settings.https() || request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }
}
