package dev.signin.web.session;

import dev.signin.config.Settings;
import dev.signin.config.SignedValue;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.eclipse.krazo.security.CsrfToken;
import org.eclipse.krazo.security.CsrfTokenStrategy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where Jakarta MVC's CSRF token lives: in the session of a signed-in user (or of a sign-in waiting
 * for its code), and for a visitor who has no session, in a cookie signed with the app's secret (a
 * double-submit token: random per browser, HMAC-SHA256, HttpOnly, SameSite=Lax, __Host- and
 * Secure over HTTPS). So the sign-in and sign-up forms are protected, login CSRF included, without
 * a session for every visitor of the sign-in page. (Krazo's own CookieCsrfTokenStrategy is not
 * used: it fails on a request without cookies on Payara.)
 *
 * <p>The token changes whenever the user does ({@link #renew}): a token known before a sign-in,
 * a planted one included, is worth nothing after it.
 */
public class CsrfTokens implements CsrfTokenStrategy {

    static final String COOKIE = "signin_csrf";
    public static final String HEADER = "X-CSRF-TOKEN";
    static final String FIELD = "_csrf";
    /** The session attribute (a String). */
    static final String SESSION_TOKEN = "signin.csrfToken";
    /** The token made for this request, so that the form and the cookie carry the same one. */
    static final String MADE = "signin.csrfTokenMade";

    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile Settings settings;
    private volatile SignedValue signer;

    @Override
    public Optional<CsrfToken> getToken(HttpServletRequest request, HttpServletResponse response, boolean create) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                return inSession(session, create).map(CsrfTokens::token);
            } catch (IllegalStateException invalidated) {
                // ended during this request (sign-out): from now on the visitor has no session
            }
        }
        Optional<String> token = request.getAttribute(MADE) instanceof String made ? Optional.of(made)
                : Cookies.value(request, settings(), COOKIE).flatMap(value -> signer().payloadOf(value, 100))
                        .filter(value -> value.matches("[A-Za-z0-9_-]{22}"));
        if (token.isEmpty() && create) {
            String made = random();
            response.addCookie(Cookies.of(request, settings(), COOKIE, signer().sign(made), -1));
            request.setAttribute(MADE, made);
            token = Optional.of(made);
        }
        return token.map(CsrfTokens::token);
    }

    private static Optional<String> inSession(HttpSession session, boolean create) {
        if (session.getAttribute(SESSION_TOKEN) instanceof String token) {
            return Optional.of(token);
        }
        if (!create) {
            return Optional.empty();
        }
        String made = random();
        session.setAttribute(SESSION_TOKEN, made);
        return Optional.of(made);
    }

    /**
     * Forgets every token this browser had: the session's (the next form gets a new one) and the
     * visitor's cookie. Called whenever a session starts or changes hands: at sign-in by any way,
     * at sign-up, and when a sign-in begins or ends its wait for a code.
     */
    static void renew(HttpServletRequest request, HttpServletResponse response, Settings settings) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_TOKEN);
        }
        request.removeAttribute(MADE);
        if (response != null && Cookies.value(request, settings, COOKIE).isPresent()) {
            response.addCookie(Cookies.of(request, settings, COOKIE, "", 0));
        }
    }

    private static String random() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static CsrfToken token(String value) {
        return new CsrfToken(HEADER, FIELD, value);
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
