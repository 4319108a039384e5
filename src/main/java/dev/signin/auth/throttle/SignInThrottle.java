package dev.signin.auth.throttle;

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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Growing delays after failed password checks, counted per key: the attempted username (known
 * or not: no hint which exist), the client's network ({@link ClientNetwork}: an IPv4 address, an
 * IPv6 /64), a known browser (device cookie) or a session. There is no permanent lockout: the
 * longest wait is a minute.
 *
 * <p>An attempt is counted as a failure <em>before</em> its password is hashed, under a lock on
 * all its keys' rows, and given back only when the password was right. So however many guesses
 * arrive together, on a key that is new or when a wait ends, each one's decision is made under
 * the locks, after the ones before it were counted: once a wait starts the others are held back
 * (429) without being evaluated; a guess that fails for any other reason (hashing busy, a crash)
 * stays counted.
 *
 * <p>Rows are only ever locked by a transaction that holds nothing else, in one order (by key):
 * two reservations cannot deadlock. A key's first row is added in a statement of its own, with no
 * other connection or lock held, and then the reservation starts over. A request holds at most one
 * database connection at a time, and at most {@link #SLOTS} reservations run at once on a node:
 * the others wait here (bounded), without a connection, so a burst cannot empty the pool.
 */
@ApplicationScoped
public class SignInThrottle {

    /** Reservations at once on a node: a quarter of the connection pool (DatabaseSetup), the rest stays for everything else. */
    static final int SLOTS = 8;
    /** How long a reservation may wait for its turn before the request is turned away (503, as for busy hashing). */
    static final Duration SLOT_WAIT = Duration.ofSeconds(10);
    /** A key's row that keeps disappearing while it is added (removed by a success elsewhere each time) is given up on. */
    private static final int TRIES = 3;

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

    /** Too many reservations waiting on this node: the caller answers 503 and the client retries. */
    public static class BusyException extends RuntimeException {
        public BusyException() {
            super("Too many sign-in attempts being counted at once");
        }
    }

    @Inject
    Settings settings;

    @Inject
    Counts counts;

    @Inject
    NewRows newRows;

    Clock clock = Clock.systemUTC();
    private final Semaphore slots = new Semaphore(SLOTS, true);

    public Key account(String username) {
        return new Key("u:" + User.attempted(username).toLowerCase(Locale.ROOT), settings.throttleAccountFreeFailures(), true);
    }

    /** Failed sign-ins and codes from one client network. */
    public Key address(String address) {
        return new Key("a:" + ClientNetwork.of(address), settings.throttleAddressFreeFailures(), false);
    }

    public Key device(String deviceId) {
        return new Key("d:" + deviceId, settings.throttleAccountFreeFailures(), true);
    }

    /** Sign-up attempts from one client network. */
    public Key signUp(String address) {
        return new Key("n:" + ClientNetwork.of(address), settings.throttleAddressFreeFailures(), false);
    }

    /** Codes of an account's authenticator app (or recovery codes): apart from its password failures, which a right password forgets. */
    public Key code(long userId) {
        return new Key("c:" + userId, settings.throttleAccountFreeFailures(), true);
    }

    /** Codes for an account from one of its known browsers: its own count, so that an attacker cannot make the owner wait. */
    public Key code(long userId, String deviceId) {
        return new Key("c:" + userId + ":" + deviceId, settings.throttleAccountFreeFailures(), true);
    }

    /** Mails asked for (a reset or a verification link) from one client network: every request counts, none is given back. */
    public Key mailRequests(String address) {
        return new Key("m:" + ClientNetwork.of(address), settings.throttleAddressFreeFailures(), false);
    }

    /** Mails asked for to one address, known or not (the answer must not tell): a few free, then growing waits. */
    public Key mailAddress(String emailKey) {
        // A hash: the table holds no address, and every address fits the key's column.
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(emailKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new Key("e:" + java.util.HexFormat.of().formatHex(digest), MAIL_FREE_REQUESTS, false);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Requests for mail to one address before waits start. */
    static final int MAIL_FREE_REQUESTS = 3;

    public Key session(String sessionKey) {
        return new Key("s:" + sessionKey, settings.throttleAccountFreeFailures(), true);
    }

    /** Counts an attempt under every key, unless one of them is held back. */
    public Reservation reserve(List<Key> keys) {
        // Millisecond instants: what is stored reads back equal, so a give-back recognises its own wait.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Key> byName = new TreeMap<>(); // one lock order, by key: no deadlock
        keys.forEach(key -> byName.putIfAbsent(key.name(), key));
        List<Key> ordered = List.copyOf(byName.values());
        acquireSlot();
        try {
            for (int tries = 0; tries < TRIES; tries++) {
                Optional<Reservation> reservation = counts.reserve(ordered, now);
                if (reservation.isPresent()) {
                    return reservation.get();
                }
                newRows.add(ordered, now); // some key had no row: add it, then decide again under the locks
            }
            throw new PersistenceException("The throttle's row for a key keeps disappearing");
        } finally {
            slots.release();
        }
    }

    /** The password was right: forget the failures of the keys that forget, give back the count of the others. */
    public void succeeded(Reserved reserved) {
        counts.giveBack(reserved);
    }

    private void acquireSlot() {
        try {
            if (!slots.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException();
        }
    }

    /** The counts, each change in a transaction of its own that locks the keys' rows and nothing else. */
    @ApplicationScoped
    public static class Counts {

        @PersistenceContext(unitName = "signin")
        EntityManager em;

        /**
         * Decides, under a lock on every key's row taken in the given order: held back if a row
         * says so, else counted under every key. Empty, having changed nothing, when a key has no
         * row yet (and none holds the attempt back). A plain read first tells an attempt that the
         * rows already hold back, or that a row is missing, without waiting for any lock.
         */
        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public Optional<Reservation> reserve(List<Key> keys, Instant now) {
            List<SignInFailures> seen = em.createQuery("SELECT f FROM SignInFailures f WHERE f.key IN :names", SignInFailures.class)
                    .setParameter("names", keys.stream().map(Key::name).toList()).getResultList();
            Optional<Duration> seenWait = longestWait(seen, now);
            if (seenWait.isPresent()) {
                return Optional.of(new HeldBack(seenWait.get()));
            }
            if (seen.size() < keys.size()) {
                return Optional.empty();
            }
            em.clear(); // what was read goes: each row is read again as it is locked
            List<SignInFailures> rows = new ArrayList<>();
            for (Key key : keys) {
                rows.add(em.find(SignInFailures.class, key.name(), LockModeType.PESSIMISTIC_WRITE));
            }
            Optional<Duration> wait = longestWait(rows.stream().filter(Objects::nonNull).toList(), now);
            if (wait.isPresent()) {
                return Optional.of(new HeldBack(wait.get())); // a key without a row holds nothing back: no need to add it
            }
            if (rows.contains(null)) {
                return Optional.empty();
            }
            List<Counted> counted = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                Key key = keys.get(i);
                SignInFailures row = rows.get(i);
                Instant before = row.blockedUntil();
                row.fail(now, key.freeFailures());
                counted.add(new Counted(key, before, row.blockedUntil()));
            }
            return Optional.of(new Reserved(counted));
        }

        private static Optional<Duration> longestWait(List<SignInFailures> rows, Instant now) {
            return rows.stream().map(row -> row.waitAt(now)).flatMap(Optional::stream).max(Comparator.naturalOrder());
        }

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void giveBack(Reserved reserved) {
            for (Counted counted : reserved.counted()) { // in the order they were locked
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
     * Adds the rows of keys counted for the first time, and removes rows that are of no use any
     * more, outside any transaction of the caller's and on one connection of its own (taken only
     * after the caller's transaction ended).
     *
     * <p>Each row is added by a statement that does nothing if the row is there: when first
     * attempts under one key race, one adds it and the others go on to lock it, with no failed
     * statement or transaction to retry. A row is of no use when its hour is over and it holds
     * nothing back ({@link SignInFailures#isOverAt}); up to {@link #REMOVED_PER_NEW_ROW} of them
     * go for each row added, so the table holds at most the rows of the last hour however many
     * new keys a flood brings. Rows another transaction has locked are skipped, not waited for:
     * the clean-up never waits on a lock, so it cannot deadlock and needs no coordination between
     * the nodes of a cluster.
     */
    @ApplicationScoped
    public static class NewRows {

        static final int REMOVED_PER_NEW_ROW = 20;
        private static final Logger LOG = Logger.getLogger(NewRows.class.getName());

        @Resource(lookup = "java:app/jdbc/signin")
        DataSource dataSource;

        private volatile Boolean postgres;

        @Transactional(Transactional.TxType.NOT_SUPPORTED)
        public void add(List<Key> keys, Instant now) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                int added = 0;
                for (Key key : keys) {
                    added += addIfAbsent(connection, key.name(), now);
                }
                if (added > 0) {
                    removeOld(connection, now, added * REMOVED_PER_NEW_ROW);
                }
            } catch (SQLException e) {
                throw new PersistenceException("Cannot add the throttle's row for a key", e);
            }
        }

        private int addIfAbsent(Connection connection, String key, Instant now) throws SQLException {
            // PostgreSQL says "nothing to do" itself; elsewhere the insert looks first, and a lost race is a unique violation.
            String sql = isPostgres(connection)
                    ? "INSERT INTO sign_in_failures (throttle_key, failures, first_failure_at) VALUES (?, 0, ?) ON CONFLICT (throttle_key) DO NOTHING"
                    : "INSERT INTO sign_in_failures (throttle_key, failures, first_failure_at) SELECT ?, 0, ? "
                            + "WHERE NOT EXISTS (SELECT 1 FROM sign_in_failures WHERE throttle_key = ?)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setString(1, key);
                insert.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                if (!isPostgres(connection)) {
                    insert.setString(3, key);
                }
                return insert.executeUpdate();
            } catch (SQLException e) {
                if (UniqueViolation.isCause(e)) {
                    return 0;
                }
                throw e;
            }
        }

        /** Removes up to this many rows that are of no use any more, in one short transaction that waits on no lock. */
        void removeOld(Connection connection, Instant now, int limit) {
            OffsetDateTime windowStart = OffsetDateTime.ofInstant(now.minus(SignInFailures.WINDOW), ZoneOffset.UTC);
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            try {
                connection.setAutoCommit(false);
                List<String> old = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT throttle_key FROM sign_in_failures "
                        + "WHERE first_failure_at < ? AND (blocked_until IS NULL OR blocked_until <= ?) "
                        + "FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED")) {
                    select.setObject(1, windowStart);
                    select.setObject(2, at);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            old.add(rs.getString(1));
                        }
                    }
                }
                if (!old.isEmpty()) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sign_in_failures WHERE throttle_key = ?")) {
                        for (String key : old) {
                            delete.setString(1, key);
                            delete.addBatch();
                        }
                        delete.executeBatch();
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                // Only housekeeping: the attempt goes on, and the next new row tries again.
                LOG.warning("Could not remove old throttle rows: " + e.getMessage());
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken: the pool drops it
                }
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // as above
                }
            }
        }

        private boolean isPostgres(Connection connection) throws SQLException {
            if (postgres == null) {
                postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            }
            return postgres;
        }
    }
}
