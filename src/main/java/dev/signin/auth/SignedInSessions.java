package dev.signin.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.time.Instant;
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

    /**
     * Signs the user in under a brand-new session (not only a new id): after a password change,
     * sessions that started earlier are over, and this one must not count among them.
     */
    public static void restart(HttpServletRequest request, long userId) {
        end(request);
        request.getSession(true).setAttribute(USER_ID, userId);
    }

    /** When the current session started, if there is one. */
    public static Optional<Instant> startedAt(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(session.getCreationTime()));
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
