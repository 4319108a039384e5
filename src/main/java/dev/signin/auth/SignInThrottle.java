package dev.signin.auth;

import dev.signin.config.Settings;
import dev.signin.database.UniqueViolation;
import dev.signin.users.User;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Growing delays after failed password checks, counted per key: the attempted username (known
 * or not: no hint which exist), the client address, a known browser (device cookie) or a
 * session. There is no permanent lockout: the longest wait is a minute.
 *
 * <p>An attempt is counted as a failure <em>before</em> its password is hashed, under a lock on
 * its keys' rows, and given back only when the password was right. So however many guesses
 * arrive together when a wait ends, the first takes the next wait with it and the others are
 * held back (429) without being evaluated; a guess that fails for any other reason (hashing
 * busy, a crash) stays counted.
 */
@ApplicationScoped
public class SignInThrottle {

    /** One thing attempts are counted under; a success forgets its failures, or (an address) gives back its own. */
    public record Key(String name, int freeFailures, boolean forgottenOnSuccess) {
    }

    /** What a reservation found: held back for a while, or counted and free to go on. */
    public sealed interface Reservation {
    }

    public record HeldBack(Duration delay) implements Reservation {
    }

    public record Reserved(List<Counted> counted) implements Reservation {
    }

    /** One key's count, with its wait before and after this attempt (to give it back exactly). */
    public record Counted(Key key, Instant blockedBefore, Instant blockedAfter) {
    }

    @Inject
    Settings settings;

    @Inject
    Counts counts;

    Clock clock = Clock.systemUTC();

    public Key account(String username) {
        return new Key("u:" + User.attempted(username).toLowerCase(Locale.ROOT), settings.throttleAccountFreeFailures(), true);
    }

    public Key address(String address) {
        return new Key("a:" + address, settings.throttleAddressFreeFailures(), false);
    }

    public Key device(String deviceId) {
        return new Key("d:" + deviceId, settings.throttleAccountFreeFailures(), true);
    }

    /** Sign-up attempts from one address. */
    public Key signUp(String address) {
        return new Key("n:" + address, settings.throttleAddressFreeFailures(), false);
    }

    /** Codes of an account's authenticator app (or recovery codes): apart from its password failures, which a right password forgets. */
    public Key code(long userId) {
        return new Key("c:" + userId, settings.throttleAccountFreeFailures(), true);
    }

    /** Codes for an account from one of its known browsers: its own count, so that an attacker cannot make the owner wait. */
    public Key code(long userId, String deviceId) {
        return new Key("c:" + userId + ":" + deviceId, settings.throttleAccountFreeFailures(), true);
    }

    public Key session(String sessionKey) {
        return new Key("s:" + sessionKey, settings.throttleAccountFreeFailures(), true);
    }

    /** Counts an attempt under every key, unless one of them is held back. */
    public Reservation reserve(List<Key> keys) {
        // Millisecond instants: what is stored reads back equal, so a give-back recognises its own wait.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Key> ordered = keys.stream().sorted(Comparator.comparing(Key::name)).toList(); // one lock order: no deadlock
        return counts.reserve(ordered, now);
    }

    /** The password was right: forget the failures of the keys that forget, give back the count of the others. */
    public void succeeded(Reserved reserved) {
        counts.giveBack(reserved);
    }

    /** The counts, each change in a transaction of its own (so that a lost insert race can be retried). */
    @ApplicationScoped
    public static class Counts {

        @PersistenceContext(unitName = "signin")
        EntityManager em;

        @Inject
        NewRows newRows;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public Reservation reserve(List<Key> keys, Instant now) {
            List<SignInFailures> rows = new ArrayList<>();
            Optional<Duration> wait = Optional.empty();
            for (Key key : keys) {
                SignInFailures row = em.find(SignInFailures.class, key.name(), LockModeType.PESSIMISTIC_WRITE);
                rows.add(row);
                Optional<Duration> rowWait = row == null ? Optional.empty() : row.waitAt(now);
                if (rowWait.isPresent() && (wait.isEmpty() || rowWait.get().compareTo(wait.get()) > 0)) {
                    wait = rowWait;
                }
            }
            if (wait.isPresent()) {
                return new HeldBack(wait.get());
            }
            List<Counted> counted = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                Key key = keys.get(i);
                SignInFailures row = rows.get(i);
                // A new key's row is added first (a success elsewhere may remove it again at once: then re-add).
                for (int tries = 0; row == null && tries < 3; tries++) {
                    newRows.add(key.name(), now);
                    row = em.find(SignInFailures.class, key.name(), LockModeType.PESSIMISTIC_WRITE);
                }
                if (row == null) {
                    throw new PersistenceException("The throttle's row for a key keeps disappearing");
                }
                Instant before = row.blockedUntil();
                row.fail(now, key.freeFailures());
                counted.add(new Counted(key, before, row.blockedUntil()));
            }
            return new Reserved(counted);
        }

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void giveBack(Reserved reserved) {
            for (Counted counted : reserved.counted()) {
                SignInFailures row = em.find(SignInFailures.class, counted.key().name(), LockModeType.PESSIMISTIC_WRITE);
                if (row == null) {
                    continue;
                }
                if (!counted.key().forgottenOnSuccess()) {
                    row.giveBack(counted.blockedBefore(), counted.blockedAfter());
                }
                if (counted.key().forgottenOnSuccess() || row.failures() == 0) {
                    em.remove(row);
                }
            }
        }
    }

    /**
     * Adds the row of a key the first time it is counted, outside any transaction: when two first
     * attempts under one key race, one insert wins and the other's duplicate is simply ignored (no
     * failed transaction to retry, nothing logged), and both go on to lock the one row.
     */
    @ApplicationScoped
    public static class NewRows {

        @Resource(lookup = "java:app/jdbc/signin")
        DataSource dataSource;

        @Transactional(Transactional.TxType.NOT_SUPPORTED)
        public void add(String key, Instant now) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO sign_in_failures (throttle_key, failures, first_failure_at) VALUES (?, 0, ?)")) {
                connection.setAutoCommit(true);
                insert.setString(1, key);
                insert.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!UniqueViolation.isCause(e)) {
                    throw new PersistenceException("Cannot add the throttle's row for a key", e);
                }
            }
        }
    }
}
