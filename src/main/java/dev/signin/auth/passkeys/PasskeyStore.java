package dev.signin.auth.passkeys;

import dev.signin.database.UniqueViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The passkeys table and the challenges of passkey ceremonies, in the database (plain SQL, on H2
 * and PostgreSQL alike): all of it is seen by every node of a cluster.
 */
@ApplicationScoped
public class PasskeyStore {

    /** A passkey as its owner sees it in the settings. */
    public record Passkey(String id, String name, Instant createdAt, Instant lastUsedAt) {
        // Bean getters for the views: EL 5 (Jakarta EE 10) does not read record components.
        public String getId() {
            return id;
        }

        public String getName() {
            return name;
        }

        public Instant getCreatedAt() {
            return createdAt;
        }

        public Instant getLastUsedAt() {
            return lastUsedAt;
        }
    }

    /** A passkey as a sign-in needs it. */
    public record Stored(String id, long userId, String userHandle, String publicKey, long signCount) {
    }

    @PersistenceContext(unitName = "signin")
    EntityManager em;

    @Transactional
    public void insertChallenge(String id, String challenge, Long userId, String purpose, Instant expiresAt) {
        // Two statements rather than a NULL parameter, whose type some drivers cannot tell.
        if (userId == null) {
            em.createNativeQuery("INSERT INTO passkey_challenges (id, challenge, purpose, expires_at) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, id).setParameter(2, challenge).setParameter(3, purpose).setParameter(4, utc(expiresAt))
                    .executeUpdate();
        } else {
            em.createNativeQuery("INSERT INTO passkey_challenges (id, challenge, user_id, purpose, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, id).setParameter(2, challenge).setParameter(3, userId).setParameter(4, purpose)
                    .setParameter(5, utc(expiresAt)).executeUpdate();
        }
    }

    /** A challenge's row as it was stored: challenge (base64url), user id or null, purpose, expiry. */
    public record ChallengeRow(String challenge, Long userId, String purpose, Instant expiresAt) {
    }

    /** Deletes the challenge's row and gives it back, if this call deleted it. */
    @Transactional
    public Optional<ChallengeRow> takeChallenge(String id) {
        List<?> rows = em.createNativeQuery("SELECT challenge, user_id, purpose, expires_at FROM passkey_challenges WHERE id = ?1")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        // Only the request whose DELETE removed the row gets the challenge: a second one, even at the same moment, does not.
        int deleted = em.createNativeQuery("DELETE FROM passkey_challenges WHERE id = ?1").setParameter(1, id).executeUpdate();
        return deleted != 1 ? Optional.empty() : Optional.of(new ChallengeRow((String) row[0],
                row[1] == null ? null : ((Number) row[1]).longValue(), (String) row[2], instant(row[3])));
    }

    @Transactional
    public void deleteExpiredChallenges(Instant now) {
        em.createNativeQuery("DELETE FROM passkey_challenges WHERE expires_at < ?1").setParameter(1, utc(now)).executeUpdate();
    }

    /** The user's passkeys, oldest first. */
    public List<Passkey> of(long userId) {
        List<?> rows = em.createNativeQuery("SELECT id, name, created_at, last_used_at FROM passkeys WHERE user_id = ?1 ORDER BY created_at, id")
                .setParameter(1, userId).getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new Passkey((String) r[0], (String) r[1], instant(r[2]), r[3] == null ? null : instant(r[3]))).toList();
    }

    /** The credential ids of the user's passkeys (base64url): an authenticator that has one need not make another. */
    public List<String> credentialIds(long userId) {
        List<?> rows = em.createNativeQuery("SELECT credential_id FROM passkeys WHERE user_id = ?1").setParameter(1, userId).getResultList();
        return rows.stream().map(String.class::cast).toList();
    }

    /** Whether the user has a passkey. */
    public boolean any(long userId) {
        return !em.createNativeQuery("SELECT id FROM passkeys WHERE user_id = ?1").setParameter(1, userId).setMaxResults(1)
                .getResultList().isEmpty();
    }

    /** The user handle of the user's passkeys, if they have any. */
    public Optional<String> userHandle(long userId) {
        List<?> rows = em.createNativeQuery("SELECT user_handle FROM passkeys WHERE user_id = ?1").setParameter(1, userId)
                .setMaxResults(1).getResultList();
        return rows.stream().map(String.class::cast).findFirst();
    }

    public Optional<Stored> byCredentialId(String credentialId) {
        List<?> rows = em.createNativeQuery("SELECT id, user_id, user_handle, public_key, sign_count FROM passkeys WHERE credential_id = ?1")
                .setParameter(1, credentialId).getResultList();
        return rows.stream().map(r -> (Object[]) r).findFirst().map(r -> new Stored((String) r[0], ((Number) r[1]).longValue(),
                (String) r[2], (String) r[3], ((Number) r[4]).longValue()));
    }

    /** Stores a new passkey; false if a passkey with this credential id is stored already. */
    @Transactional
    public boolean add(long userId, String credentialId, String userHandle, String publicKey, long signCount, String name, Instant now) {
        try {
            em.createNativeQuery("INSERT INTO passkeys (id, user_id, credential_id, user_handle, public_key, sign_count, name, created_at) "
                            + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                    .setParameter(1, PasskeyChallenges.random())
                    .setParameter(2, userId)
                    .setParameter(3, credentialId)
                    .setParameter(4, userHandle)
                    .setParameter(5, publicKey)
                    .setParameter(6, signCount)
                    .setParameter(7, name)
                    .setParameter(8, utc(now))
                    .executeUpdate();
            em.flush();
            // An app set-up started before this passkey was not confirmed with it: it starts again, with it (StepUp).
            em.createNativeQuery("UPDATE users SET totp_pending = NULL WHERE id = ?1").setParameter(1, userId).executeUpdate();
            return true;
        } catch (PersistenceException e) {
            if (UniqueViolation.isCause(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Records a sign-in: the new counter, if it is above the stored one (or both are 0: an
     * authenticator without a counter). One conditional UPDATE, so of two sign-ins with the same
     * counter value only one passes.
     */
    @Transactional
    public boolean used(String id, long storedCount, long newCount, Instant now) {
        if (!(newCount > storedCount || newCount == 0 && storedCount == 0)) {
            return false;
        }
        // Compare-and-set on the counter read before the check: of two sign-ins racing with one answer, one passes.
        return em.createNativeQuery("UPDATE passkeys SET sign_count = ?1, last_used_at = ?2 WHERE id = ?3 AND sign_count = ?4")
                .setParameter(1, newCount)
                .setParameter(2, utc(now))
                .setParameter(3, id)
                .setParameter(4, storedCount)
                .executeUpdate() == 1;
    }

    /** Removes one of the user's passkeys; false if the user has none of that id. */
    @Transactional
    public boolean remove(long userId, String id) {
        return em.createNativeQuery("DELETE FROM passkeys WHERE id = ?1 AND user_id = ?2")
                .setParameter(1, id).setParameter(2, userId).executeUpdate() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A timestamp as the driver gives it (H2 and PostgreSQL differ). */
    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + (value == null ? "null" : value.getClass().getName()));
    }
}
