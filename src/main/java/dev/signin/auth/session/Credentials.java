package dev.signin.auth.session;

import dev.signin.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A user's credentials and the sessions they back, changed only under a lock on the user's row
 * (SELECT ... FOR UPDATE), in one transaction each. A session starts only if the credentials are
 * still the ones that were checked; a change of credentials ends every session in the same
 * transaction. So a sign-in racing a password change either starts its session before the change
 * (and the change ends it) or finds the credential version raised and starts none.
 */
@ApplicationScoped
public class Credentials {

    /** A session started under the lock, and the user's versions at that moment (for the cookies). */
    public record Started(String key, int tokenVersion, int credentialVersion) {
    }

    /** Other sessions ended by a change, and the user's new versions. */
    public record OthersEnded(int count, int tokenVersion, int credentialVersion) {
    }

    @PersistenceContext(unitName = "signin")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** Starts a session if the user still exists and passes the check (the versions it was recognised by). */
    @Transactional
    public Optional<Started> startSession(long userId, Predicate<User> stillValid, String address, String userAgent) {
        return locked(userId).filter(stillValid).map(user -> start(user, address, userAgent));
    }

    /**
     * Replaces the password, if the credentials are still the ones the current password was checked
     * against; every session ends and this browser continues in a new one.
     */
    @Transactional
    public Optional<Started> changePassword(long userId, int checkedVersion, String newHash, String address, String userAgent) {
        return locked(userId).filter(user -> user.getCredentialVersion() == checkedVersion).map(user -> {
            user.setPasswordHash(newHash);
            user.raiseCredentialVersion();
            endSessions(userId, null, SessionRegistry.Reason.PASSWORD_CHANGED);
            return start(user, address, userAgent);
        });
    }

    /**
     * Replaces a forgotten password by a mailed link: only if the credentials are still the ones
     * the link was made for and the link is taken (used up) in this same transaction, under the
     * lock on the user's row, so that of two requests with one link one resets. Every session,
     * remember-me and device cookie of the account ends; no session starts.
     */
    @Transactional
    public boolean resetPassword(long userId, int linkVersion, String newHash, BooleanSupplier takeLink) {
        return locked(userId).filter(user -> user.getCredentialVersion() == linkVersion).filter(user -> takeLink.getAsBoolean())
                .map(user -> {
                    user.setPasswordHash(newHash);
                    user.raiseCredentialVersion();
                    endSessions(userId, null, SessionRegistry.Reason.PASSWORD_RESET);
                    return true;
                }).orElse(false);
    }

    /** Ends every session of the user but the one kept, and voids every cookie and sign-in in progress. */
    @Transactional
    public Optional<OthersEnded> endOtherSessions(long userId, String keep) {
        return locked(userId).map(user -> {
            user.raiseCredentialVersion();
            int ended = endSessions(userId, keep, SessionRegistry.Reason.ENDED_BY_USER);
            return new OthersEnded(ended, user.getTokenVersion(), user.getCredentialVersion());
        });
    }

    /** Removes the account (its sessions go with it), if its credentials are still the ones checked. */
    @Transactional
    public boolean delete(long userId, int checkedVersion) {
        Optional<User> user = locked(userId).filter(u -> u.getCredentialVersion() == checkedVersion);
        user.ifPresent(em::remove);
        return user.isPresent();
    }

    /** Voids every remember-me cookie of the user; the new token version, for a cookie that should stay. */
    @Transactional
    public Optional<Integer> revokeRememberMe(long userId) {
        return locked(userId).map(user -> {
            user.raiseTokenVersion();
            return user.getTokenVersion();
        });
    }

    private Optional<User> locked(long userId) {
        return Optional.ofNullable(em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE));
    }

    private Started start(User user, String address, String userAgent) {
        String key = SessionRegistry.newKey();
        String agent = userAgent.length() > UserSession.MAX_USER_AGENT ? userAgent.substring(0, UserSession.MAX_USER_AGENT) : userAgent;
        em.persist(new UserSession(key, user.getId(), clock.instant(), address, agent));
        return new Started(key, user.getTokenVersion(), user.getCredentialVersion());
    }

    private int endSessions(long userId, String keep, SessionRegistry.Reason reason) {
        Instant now = clock.instant();
        return em.createQuery("update UserSession s set s.endedAt = :now, s.endReason = :reason "
                        + "where s.userId = :user and s.endedAt is null and s.id <> :keep")
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .setParameter("reason", reason.stored())
                .setParameter("user", userId)
                .setParameter("keep", keep == null ? "" : keep)
                .executeUpdate();
    }
}
