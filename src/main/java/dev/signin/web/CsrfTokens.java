package dev.signin.web;

import dev.signin.config.Settings;
import dev.signin.config.SignedValue;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.krazo.security.CsrfToken;
import org.eclipse.krazo.security.CsrfTokenStrategy;
import org.eclipse.krazo.security.SessionCsrfTokenStrategy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where Jakarta MVC's CSRF token lives: in the session of a signed-in user (Krazo's own session
 * strategy), and for a visitor who has no session, in a cookie signed with the app's secret (a
 * double-submit token: random per browser, HMAC-SHA256, HttpOnly, SameSite=Lax, __Host- and
 * Secure over HTTPS). So the sign-in and sign-up forms are protected, login CSRF included, without
 * a session for every visitor of the sign-in page. (Krazo's own CookieCsrfTokenStrategy is not
 * used: it fails on a request without cookies on Payara.)
 */
public class CsrfTokens implements CsrfTokenStrategy {

    static final String COOKIE = "signin_csrf";
    static final String HEADER = "X-CSRF-TOKEN";
    static final String FIELD = "_csrf";
    /** The token made for this request, so that the form and the cookie carry the same one. */
    static final String MADE = "signin.csrfTokenMade";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CsrfTokenStrategy sessions = new SessionCsrfTokenStrategy.Builder().headerName(HEADER).paramName(FIELD).build();
    private volatile Settings settings;
    private volatile SignedValue signer;

    @Override
    public Optional<CsrfToken> getToken(HttpServletRequest request, HttpServletResponse response, boolean create) {
        if (request.getSession(false) != null) {
            return sessions.getToken(request, response, create);
        }
        Optional<String> token = request.getAttribute(MADE) instanceof String made ? Optional.of(made)
                : Cookies.value(request, settings(), COOKIE).flatMap(value -> signer().payloadOf(value, 100))
                        .filter(value -> value.matches("[A-Za-z0-9_-]{22}"));
        if (token.isEmpty() && create) {
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            String made = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            response.addCookie(Cookies.of(request, settings(), COOKIE, signer().sign(made), -1));
            request.setAttribute(MADE, made);
            token = Optional.of(made);
        }
        return token.map(value -> new CsrfToken(HEADER, FIELD, value));
    }

    // Krazo takes the strategy as an instance in the Application's properties, before CDI could inject it.
    private Settings settings() {
        if (settings == null) {
            settings = CDI.current().select(Settings.class).get();
        }
        return settings;
    }

    private SignedValue signer() {
        if (signer == null) {
            signer = new SignedValue(settings().secretKeys(), "signin.csrf");
        }
        return signer;
    }
}
