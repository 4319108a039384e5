package dev.signin.web.headers;

import dev.signin.config.Settings;
import dev.signin.web.requests.RefusedRequests;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The security headers of every response, pages, files and errors alike (mapped first in
 * web.xml, for requests and error dispatches).
 */
public class SecurityHeaders extends HttpFilter {

    /** Only our own files; no inline script or style anywhere; no framing; forms post only to us. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";
    public static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "interest-cohort=()";
    public static final String HSTS = "max-age=31536000; includeSubDomains";

    @Inject
    Settings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        if (settings.https() || request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        if (!RefusedRequests.isStaticFile(request)) {
            // Nothing the app answers may be kept by the browser or a proxy: each page shows account
            // data (the back button after sign-out) or holds a token bound to this browser (a form's
            // CSRF token, the passkey options). Static files keep the container's caching.
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
