package dev.signin.web.session;

import dev.signin.config.Settings;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Enumeration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The app's own cookies, all alike: for the whole site, HttpOnly, SameSite=Lax; over HTTPS
 * Secure and with the __Host- prefix, which a browser accepts only if Secure, Path=/ and without
 * Domain, so that no subdomain can plant one.
 */
public final class Cookies {

    /** The start of the name of every cookie of the app, the container's session cookie included (web.xml). */
    static final String PREFIX = "signin_";

    private Cookies() {
    }

    static String name(Settings settings, String name) {
        return settings.https() ? "__Host-" + name : name;
    }

    public static Optional<String> value(HttpServletRequest request, Settings settings, String name) {
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

    /**
     * Whether the request carries one of the app's cookies (named signin_..., or __Host-signin_...)
     * more than once. A browser keeps one cookie per name, domain and path: two of one name mean
     * that someone else put one there (a sibling site over plain HTTP with Domain=, or a deeper
     * Path), and which one the container or the app would take is up to the order they come in.
     * Read from the Cookie headers as sent, not from the container's parsing of them.
     */
    public static boolean duplicated(HttpServletRequest request) {
        Set<String> seen = new HashSet<>();
        for (Enumeration<String> headers = request.getHeaders("Cookie"); headers != null && headers.hasMoreElements(); ) {
            for (String pair : headers.nextElement().split("[;,]")) {
                int equals = pair.indexOf('=');
                String name = (equals < 0 ? pair : pair.substring(0, equals)).strip();
                if ((name.startsWith(PREFIX) || name.startsWith("__Host-" + PREFIX)) && !seen.add(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A cookie to set; maxAgeSeconds -1 for one that ends with the browser, 0 to remove one. */
    public static Cookie of(HttpServletRequest request, Settings settings, String name, String value, int maxAgeSeconds) {
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
