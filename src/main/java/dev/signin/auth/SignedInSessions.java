package dev.signin.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Optional;

/**
 * The container's HttpSession is the sign-in state. It holds nothing but the user's database
 * id (a Long: Serializable, so sessions can be replicated), besides the CSRF token Krazo keeps.
 */
public final class SignedInSessions {

    static final String USER_ID = "signin.userId";

    private SignedInSessions() {
    }

    /** Signs the user in under a new session id, so a session id planted before sign-in is worthless. */
    public static void start(HttpServletRequest request, long userId) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            request.changeSessionId();
        } else {
            session = request.getSession(true);
        }
        session.setAttribute(USER_ID, userId);
    }

    public static Optional<Long> userId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        return session.getAttribute(USER_ID) instanceof Long id ? Optional.of(id) : Optional.empty();
    }

    public static void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // nothing left to end
            }
        }
    }
}
