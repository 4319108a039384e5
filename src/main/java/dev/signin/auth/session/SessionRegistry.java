package dev.signin.auth.session;

import dev.signin.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * Signed-in sessions, one row each in the user_sessions table: the row says whether the session
 * is still valid. Because the registry is in the database, not in container internals, a session
 * ended on one node is over on every node, and a user can list and end their sessions wherever
 * they were started. Sessions start in {@link Credentials}, under the lock on the user's row.
 */
@ApplicationScoped
public class SessionRegistry {

    /** How stale last-seen may get before it is written again: one write a minute, not one a request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** The one definition of an active session: not ended, within its lifetime, seen within the idle timeout. */
    private static final String ACTIVE = "s.endedAt is null and s.startedAt > :startedAfter and s.lastSeenAt > :seenAfter";

    /** Why a session ended, as stored. */
    public enum Reason {
        SIGNED_OUT, ENDED_BY_USER, PASSWORD_CHANGED, PASSWORD_RESET, EXPIRED, LIFETIME_OVER, ACCOUNT_GONE;

        String stored() {
            return name().toLowerCase(java.util.Locale.ROOT);
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

    /** A new session's key: random, and not the container's session id. */
    static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Whether the session is still valid for this user: registered, not ended, within its absolute
     * lifetime (one past it is ended here). Most requests only read; last-seen is written at most
     * once a minute.
     */
    public boolean isValid(String key, long userId) {
        UserSession row = em.find(UserSession.class, key);
        Instant now = clock.instant();
        if (row == null || row.isEnded() || row.getUserId() != userId) {
            return false;
        }
        if (row.getStartedAt().toInstant().plus(settings.sessionLifetime()).isBefore(now)) {
            end(key, Reason.LIFETIME_OVER);
            return false;
        }
        if (row.getLastSeenAt().toInstant().plus(TOUCH_EVERY).isBefore(now)) {
            writes.touch(key, now);
        }
        return true;
    }

    /** The user's active sessions, newest first. */
    public List<UserSession> active(long userId) {
        return active(em.createQuery("select s from UserSession s where s.userId = :user and " + ACTIVE
                + " order by s.startedAt desc", UserSession.class).setParameter("user", userId)).getResultList();
    }

    /** How many signed-in sessions are active now (for the metrics). */
    public long countActive() {
        return active(em.createQuery("select count(s) from UserSession s where " + ACTIVE, Long.class)).getSingleResult();
    }

    private <T> TypedQuery<T> active(TypedQuery<T> query) {
        Instant now = clock.instant();
        return query
                .setParameter("startedAfter", OffsetDateTime.ofInstant(now.minus(settings.sessionLifetime()), ZoneOffset.UTC))
                .setParameter("seenAfter", OffsetDateTime.ofInstant(
                        now.minus(settings.sessionTimeout()).minus(TOUCH_EVERY), ZoneOffset.UTC));
    }

    /** Ends a session if it is not ended yet; true if this call ended it. */
    public boolean end(String key, Reason reason) {
        return writes.end(null, key, clock.instant(), reason);
    }

    /** Ends one of the user's sessions; false if there is no such session of theirs still going. */
    public boolean endOwned(long userId, String key, Reason reason) {
        return writes.end(userId, key, clock.instant(), reason);
    }

    /** The registry's writes, each in a transaction of its own. */
    @ApplicationScoped
    public static class Writes {

        @PersistenceContext(unitName = "signin")
        EntityManager em;

        @Transactional
        public void touch(String key, Instant now) {
            UserSession row = em.find(UserSession.class, key);
            if (row != null) {
                row.seen(now);
            }
        }

        /** Ends the session if it is still going (and, when owner is given, belongs to that user). */
        @Transactional
        public boolean end(Long owner, String key, Instant now, Reason reason) {
            UserSession row = em.find(UserSession.class, key);
            if (row == null || row.isEnded() || owner != null && row.getUserId() != owner) {
                return false;
            }
            row.end(now, reason.stored());
            return true;
        }
    }
}
