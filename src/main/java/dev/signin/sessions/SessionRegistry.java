package dev.signin.sessions;

import dev.signin.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signed-in sessions. The container's HttpSession holds the user's id and the id of the
 * session's row in the user_sessions table (both Serializable); the row says whether the
 * session is still valid. Because the registry is in the database, not in container internals,
 * a session ended on one node is over on every node, and a user can list and end their
 * sessions wherever they were started.
 */
@ApplicationScoped
public class SessionRegistry {

    static final String USER_ID = "signin.userId";
    static final String KEY = "signin.sessionKey";
    /** How stale last-seen may get before it is written again: one write a minute, not one a request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** Why a session ended, as stored and logged. */
    public enum Reason {
        SIGNED_OUT, ENDED_BY_USER, PASSWORD_CHANGED, EXPIRED, LIFETIME_OVER, ACCOUNT_GONE;

        String stored() {
            return name().toLowerCase();
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "signin")
    EntityManager em;

    @Inject
    Settings settings;

    @Inject
    Writes writes;

    Clock clock = Clock.systemUTC();

    /** Signs the user in under a new session id (no session fixation) and registers the session. */
    public void start(HttpServletRequest request, long userId) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            request.changeSessionId();
        } else {
            session = request.getSession(true);
        }
        String key = newKey();
        String agent = request.getHeader("User-Agent");
        writes.insert(new UserSession(key, userId, clock.instant(),
                settings.clientAddress(request),
                agent == null ? "" : agent.length() > 300 ? agent.substring(0, 300) : agent));
        session.setAttribute(USER_ID, userId);
        session.setAttribute(KEY, key);
    }

    /**
     * The signed-in user of this request, if the session is still valid: registered, not ended,
     * within the absolute lifetime. An invalid session is ended here.
     */
    public Optional<Long> signedInUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(USER_ID) instanceof Long userId)
                || !(session.getAttribute(KEY) instanceof String key)) {
            return Optional.empty();
        }
        UserSession row = em.find(UserSession.class, key);
        Instant now = clock.instant();
        if (row == null || row.isEnded() || row.getUserId() != userId) {
            invalidate(session);
            return Optional.empty();
        }
        if (row.getStartedAt().toInstant().plus(settings.sessionLifetime()).isBefore(now)) {
            writes.end(key, now, Reason.LIFETIME_OVER);
            invalidate(session);
            return Optional.empty();
        }
        if (row.getLastSeenAt().toInstant().plus(TOUCH_EVERY).isBefore(now)) {
            writes.touch(key, now);
        }
        return Optional.of(userId);
    }

    /** This session's registry id, to mark it in the list. */
    public Optional<String> currentKey(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(KEY) instanceof String key ? Optional.of(key) : Optional.empty();
    }

    /** Ends this request's session (its row and the container session). */
    public void end(HttpServletRequest request, Reason reason) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        if (session.getAttribute(KEY) instanceof String key) {
            writes.end(key, clock.instant(), reason);
        }
        invalidate(session);
    }

    /** Ends this request's session and continues the user in a brand-new one. */
    public void restart(HttpServletRequest request, long userId, Reason reason) {
        end(request, reason);
        start(request, userId);
    }

    /** The user's sessions that may still be in use, newest first. */
    public List<UserSession> active(long userId) {
        Instant now = clock.instant();
        Instant startedAfter = now.minus(settings.sessionLifetime());
        Instant seenAfter = now.minus(settings.sessionTimeout()).minus(TOUCH_EVERY);
        return em.createQuery("select s from UserSession s where s.userId = :user and s.endedAt is null "
                        + "order by s.startedAt desc", UserSession.class)
                .setParameter("user", userId)
                .getResultStream()
                .filter(s -> s.getStartedAt().toInstant().isAfter(startedAfter)
                        && s.getLastSeenAt().toInstant().isAfter(seenAfter))
                .toList();
    }

    /** How many signed-in sessions are active now (for the metrics). */
    public long countActive() {
        Instant now = clock.instant();
        return em.createQuery("select count(s) from UserSession s where s.endedAt is null "
                        + "and s.startedAt > :startedAfter and s.lastSeenAt > :seenAfter", Long.class)
                .setParameter("startedAfter", java.time.OffsetDateTime.ofInstant(now.minus(settings.sessionLifetime()), java.time.ZoneOffset.UTC))
                .setParameter("seenAfter", java.time.OffsetDateTime.ofInstant(
                        now.minus(settings.sessionTimeout()).minus(TOUCH_EVERY), java.time.ZoneOffset.UTC))
                .getSingleResult();
    }

    /** Ends one of the user's sessions; false if there is no such active session of theirs. */
    public boolean endOne(long userId, String key, Reason reason) {
        return writes.endOwned(userId, key, clock.instant(), reason);
    }

    /** Ends every session of the user but the one given (which may be null: then all). */
    public int endAllBut(long userId, String keep, Reason reason) {
        return writes.endAllBut(userId, keep, clock.instant(), reason);
    }

    /** Called when the container drops a session by itself (idle timeout): true if it was signed in and active. */
    public boolean expired(HttpSession session) {
        return session.getAttribute(KEY) instanceof String key && writes.endIfActive(key, clock.instant(), Reason.EXPIRED);
    }

    private static void invalidate(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // nothing left to end
        }
    }

    private static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The registry's writes, each in its own transaction. */
    @ApplicationScoped
    public static class Writes {

        @PersistenceContext(unitName = "signin")
        EntityManager em;

        @Transactional
        public void insert(UserSession session) {
            em.persist(session);
        }

        @Transactional
        public void touch(String key, Instant now) {
            UserSession row = em.find(UserSession.class, key);
            if (row != null) {
                row.seen(now);
            }
        }

        @Transactional
        public void end(String key, Instant now, Reason reason) {
            endIfActive(key, now, reason);
        }

        @Transactional
        public boolean endIfActive(String key, Instant now, Reason reason) {
            UserSession row = em.find(UserSession.class, key);
            if (row == null || row.isEnded()) {
                return false;
            }
            row.end(now, reason.stored());
            return true;
        }

        @Transactional
        public boolean endOwned(long userId, String key, Instant now, Reason reason) {
            UserSession row = em.find(UserSession.class, key);
            if (row == null || row.getUserId() != userId || row.isEnded()) {
                return false;
            }
            row.end(now, reason.stored());
            return true;
        }

        @Transactional
        public int endAllBut(long userId, String keep, Instant now, Reason reason) {
            List<UserSession> rows = em.createQuery(
                            "select s from UserSession s where s.userId = :user and s.endedAt is null", UserSession.class)
                    .setParameter("user", userId)
                    .getResultList();
            int ended = 0;
            for (UserSession row : rows) {
                if (!row.getId().equals(keep)) {
                    row.end(now, reason.stored());
                    ended++;
                }
            }
            return ended;
        }
    }
}
