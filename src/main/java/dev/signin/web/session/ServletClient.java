package dev.signin.web.session;

import dev.signin.auth.session.Client;
import dev.signin.auth.session.PendingSignIn;
import dev.signin.config.Settings;
import dev.signin.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.time.Duration;
import java.util.Optional;

/**
 * The authentication core's {@link Client}, over the servlet request and response: the one place
 * where the container's session and the app's cookies are touched. The session holds only the
 * user's id and the session's registry key (both Serializable, for replication).
 */
public class ServletClient implements Client {

    static final String USER_ID = "signin.userId";
    static final String KEY = "signin.sessionKey";
    /** A sign-in waiting for its second step (PendingSignIn's String form): no user in the session yet. */
    static final String PENDING = "signin.pendingSignIn";
    /** Cookies held back until a required second factor is on: "remember" or "device" (a String, for replication). */
    static final String HELD_COOKIES = "signin.heldCookies";
    /** Request attributes: the response of this request (kept by the authentication mechanism), and whom it was recognised as. */
    public static final String RESPONSE = "signin.response";
    static final String USER = "signin.user";
    static final String CLEAR_SITE_DATA = "\"cache\", \"storage\"";

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Settings settings;
    private final SessionIds sessionIds;

    public ServletClient(HttpServletRequest request, HttpServletResponse response, Settings settings, SessionIds sessionIds) {
        this.request = request;
        this.response = response;
        this.settings = settings;
        this.sessionIds = sessionIds;
    }

    /** For the beans of a request; the authentication mechanism builds its own from the request it is given. */
    @ApplicationScoped
    static class Producer {
        @Produces
        @RequestScoped
        Client client(HttpServletRequest request, Settings settings, SessionIds sessionIds) {
            return new ServletClient(request, responseOf(request), settings, sessionIds);
        }
    }

    /** The response of a request, as the authentication mechanism kept it (null if it did not run). */
    public static HttpServletResponse responseOf(HttpServletRequest request) {
        return (HttpServletResponse) request.getAttribute(RESPONSE);
    }

    @Override
    public String address() {
        return ClientAddress.of(request, settings.trustedProxies());
    }

    @Override
    public String userAgent() {
        String agent = request.getHeader("User-Agent");
        return agent == null ? "" : agent;
    }

    @Override
    public Optional<SessionHandle> session() {
        HttpSession session = request.getSession(false);
        try {
            return session != null && session.getAttribute(USER_ID) instanceof Long userId && session.getAttribute(KEY) instanceof String key
                    ? Optional.of(new SessionHandle(userId, key)) : Optional.empty();
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> sessionId() {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.of(session.getId());
    }

    @Override
    public void startSession(SessionHandle handle) {
        HttpSession session = newSessionId();
        session.removeAttribute(PENDING);
        session.removeAttribute(HELD_COOKIES);
        CsrfTokens.renew(request, response, settings); // a token from before the sign-in is worth nothing in it
        session.setMaxInactiveInterval((int) settings.sessionTimeout().toSeconds());
        session.setAttribute(USER_ID, handle.userId());
        session.setAttribute(KEY, handle.key());
    }

    @Override
    public void holdPendingSignIn(PendingSignIn pending) {
        HttpSession session = newSessionId();
        session.setAttribute(PENDING, pending.stored());
        CsrfTokens.renew(request, response, settings);
        // The container may drop it once the second step could no longer succeed anyway.
        session.setMaxInactiveInterval((int) PendingSignIn.TIMEOUT.toSeconds() + 60);
    }

    /**
     * This browser's session under a new id (no fixation), or a new session; never while the
     * container's ids are weak in production (SessionIds): then no session is left behind.
     */
    private HttpSession newSessionId() {
        sessionIds.refuseIfWeak();
        HttpSession session = request.getSession(false);
        if (session != null) {
            request.changeSessionId();
        } else {
            session = request.getSession(true); // a new id: the container never takes one the browser sent (SignInIT)
        }
        sessionIds.check(session.getId());
        if (sessionIds.refusing()) {
            session.invalidate();
            throw new SessionIds.WeakException();
        }
        return session;
    }

    @Override
    public Optional<PendingSignIn> pendingSignIn() {
        HttpSession session = request.getSession(false);
        try {
            return session == null || session.getAttribute(USER_ID) != null ? Optional.empty()
                    : PendingSignIn.parse((String) session.getAttribute(PENDING));
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    @Override
    public void dropPendingSignIn() {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        try {
            if (session.getAttribute(USER_ID) == null) {
                endSession(); // it held nothing but the waiting sign-in (and its CSRF token)
            } else {
                session.removeAttribute(PENDING);
            }
        } catch (IllegalStateException invalidated) {
            // nothing left to drop
        }
    }

    @Override
    public void holdCookies(boolean rememberMe) {
        request.getSession(false).setAttribute(HELD_COOKIES, rememberMe ? "remember" : "device");
    }

    @Override
    public Optional<Boolean> takeHeldCookies() {
        HttpSession session = request.getSession(false);
        try {
            if (session == null || !(session.getAttribute(HELD_COOKIES) instanceof String held)) {
                return Optional.empty();
            }
            session.removeAttribute(HELD_COOKIES);
            return Optional.of("remember".equals(held));
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    @Override
    public void endSession() {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // nothing left to end
            }
        }
        if (request.getRequestedSessionId() != null && response != null) {
            // The browser forgets the id too: it would otherwise send it until it closes.
            // (SessionSetup gives the container's cookie the same prefix, path and Secure as ours.)
            String name = request.getServletContext().getSessionCookieConfig().getName();
            response.addCookie(Cookies.named(request, settings, name, "", 0));
        }
    }

    @Override
    public Optional<String> cookie(String name) {
        return Cookies.value(request, settings, name);
    }

    @Override
    public void setCookie(String name, String value, Duration maxAge) {
        response().addCookie(Cookies.of(request, settings, name, value, (int) maxAge.toSeconds()));
    }

    @Override
    public void removeCookie(String name) {
        response().addCookie(Cookies.of(request, settings, name, "", 0));
    }

    @Override
    public void clearSiteData() {
        response().setHeader("Clear-Site-Data", CLEAR_SITE_DATA);
    }

    @Override
    public void recognised(User user) {
        request.setAttribute(USER, user);
    }

    @Override
    public Optional<User> recognised() {
        return request.getAttribute(USER) instanceof User user ? Optional.of(user) : Optional.empty();
    }

    private HttpServletResponse response() {
        if (response == null) {
            throw new IllegalStateException("no response for this request: the authentication mechanism did not run");
        }
        return response;
    }
}
