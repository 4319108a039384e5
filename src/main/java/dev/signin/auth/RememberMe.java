package dev.signin.auth;

import dev.signin.account.User;
import dev.signin.account.UserRepository;
import dev.signin.config.Settings;
import dev.signin.sessions.SessionRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;
import java.util.Optional;

/** The remember-me cookie: issued at sign-in when asked for, honoured when the session is gone. */
@ApplicationScoped
public class RememberMe {

    public static final String COOKIE = "signin_remember";
    /** Over HTTPS: the browser accepts it only if Secure, Path=/ and no Domain, so no subdomain can plant one. */
    public static final String HTTPS_COOKIE = "__Host-" + COOKIE;

    @Inject
    Settings settings;

    @Inject
    UserRepository users;

    @Inject
    SessionRegistry sessions;

    private RememberMeToken tokens;

    @PostConstruct
    void init() {
        tokens = new RememberMeToken(settings.secretKeys(), Clock.systemUTC());
    }

    public void issue(HttpServletRequest request, HttpServletResponse response, User user) {
        var claims = new RememberMeToken.Claims(user.getId(), user.getTokenVersion(),
                Clock.systemUTC().instant().plus(settings.rememberMe()));
        response.addCookie(cookie(request, tokens.sign(claims), (int) settings.rememberMe().toSeconds()));
    }

    public void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addCookie(cookie(request, "", 0));
    }

    /**
     * Signs the bearer of a valid cookie back in (a new session) and returns the account. A
     * tampered, expired or revoked cookie is removed.
     */
    public Optional<User> restore(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> value = valueOf(request);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<User> user = tokens.verify(value.get())
                .flatMap(claims -> users.findById(claims.userId())
                        .filter(u -> u.getTokenVersion() == claims.tokenVersion()));
        if (user.isPresent()) {
            sessions.start(request, user.get().getId());
        } else {
            clear(request, response);
        }
        return user;
    }

    /** Revokes every remember-me cookie of the user, this browser's included (sign-out). */
    public void revokeAll(HttpServletRequest request, HttpServletResponse response, long userId) {
        users.raiseTokenVersion(userId);
        clear(request, response);
    }

    /**
     * Revokes every remember-me cookie of the user; if this browser had one, it gets a fresh one.
     * For when other devices must lose access (their sessions were ended, the password changed).
     */
    public void revokeOthers(HttpServletRequest request, HttpServletResponse response, long userId) {
        boolean hadOne = presentIn(request);
        users.raiseTokenVersion(userId);
        if (hadOne) {
            users.findById(userId).ifPresent(user -> issue(request, response, user));
        }
    }

    /** Whether the request carries a remember-me cookie (valid or not). */
    public boolean presentIn(HttpServletRequest request) {
        return valueOf(request).isPresent();
    }

    private String cookieName() {
        return settings.https() ? HTTPS_COOKIE : COOKIE;
    }

    private Optional<String> valueOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (cookieName().equals(c.getName())) {
                return Optional.ofNullable(c.getValue());
            }
        }
        return Optional.empty();
    }

    private Cookie cookie(HttpServletRequest request, String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(cookieName(), value);
        cookie.setPath(settings.https() || request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setHttpOnly(true);
        cookie.setSecure(settings.https() || request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }
}
