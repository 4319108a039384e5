package dev.signin.recovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The tokens of mailed links (table mail_tokens): 256 random bits each, given to the mail and
 * kept only as their SHA-256 (enough for a value of that entropy: nothing to guess), good once,
 * for a while, and only the newest of a user's for one purpose.
 */
@ApplicationScoped
public class MailTokens {

    public static final String RESET = "reset";
    public static final String VERIFY = "verify";
    /** A token as it appears in a link: 43 base64url characters. Anything else is not looked up. */
    static final int LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A link's row: whose, what for, for which address (verify), made at which credential version. */
    public record Link(long userId, String purpose, String email, int credentialVersion) {
    }

    @PersistenceContext(unitName = "signin")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** A new token for the user and purpose, in the caller's transaction; the older ones stop working. */
    @Transactional
    public String issue(long userId, String purpose, String email, int credentialVersion, Duration lifetime) {
        Instant now = clock.instant();
        em.createNativeQuery("UPDATE mail_tokens SET expires_at = ?1 WHERE user_id = ?2 AND purpose = ?3 AND expires_at > ?1")
                .setParameter(1, at(now)).setParameter(2, userId).setParameter(3, purpose).executeUpdate();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        em.createNativeQuery("INSERT INTO mail_tokens (token_hash, user_id, purpose, email, credential_version, created_at, expires_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, hash(token)).setParameter(2, userId).setParameter(3, purpose)
                .setParameter(4, email == null ? "" : email).setParameter(5, credentialVersion)
                .setParameter(6, at(now)).setParameter(7, at(now.plus(lifetime))).executeUpdate();
        // Rows older than a day are of no use (not even for counting the last hour's mails).
        em.createNativeQuery("DELETE FROM mail_tokens WHERE created_at < ?1").setParameter(1, at(now.minus(Duration.ofDays(1))))
                .executeUpdate();
        return token;
    }

    /** How many tokens of this purpose the user was mailed since then. */
    @Transactional
    public long issuedSince(long userId, String purpose, Instant since) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM mail_tokens WHERE user_id = ?1 AND purpose = ?2 AND created_at > ?3")
                .setParameter(1, userId).setParameter(2, purpose).setParameter(3, at(since)).getSingleResult()).longValue();
    }

    /** The link's row if the token is one of ours, unused and in time; uses nothing up. */
    @Transactional
    public Optional<Link> find(String token, String purpose) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("SELECT user_id, email, credential_version FROM mail_tokens "
                        + "WHERE token_hash = ?1 AND purpose = ?2 AND used_at IS NULL AND expires_at > ?3")
                .setParameter(1, hash(token)).setParameter(2, purpose).setParameter(3, at(clock.instant())).getResultList();
        return rows.stream().map(row -> (Object[]) row).findFirst().map(row -> new Link(((Number) row[0]).longValue(), purpose,
                (String) row[1], ((Number) row[2]).intValue()));
    }

    /** Uses the token up, in the caller's transaction: true for the one request whose UPDATE did it. */
    @Transactional
    public boolean take(String token, String purpose) {
        Instant now = clock.instant();
        return wellFormed(token) && em.createNativeQuery("UPDATE mail_tokens SET used_at = ?1 "
                        + "WHERE token_hash = ?2 AND purpose = ?3 AND used_at IS NULL AND expires_at > ?1")
                .setParameter(1, at(now)).setParameter(2, hash(token)).setParameter(3, purpose).executeUpdate() == 1;
    }

    static boolean wellFormed(String token) {
        return token != null && token.length() == LENGTH && token.chars().allMatch(c -> c >= 'A' && c <= 'Z'
                || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_');
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
