package dev.signin.auth.throttle;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Load;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The throttle's rows go away once they are of no use (their hour is over and they hold nothing
 * back), and an anonymous flood from ever new addresses leaves at most the rows of one hour. The
 * test looks into the server's database, and plays the passing of time by ageing rows there.
 * The same checks run on PostgreSQL in {@code PostgresIT}.
 */
@ResourceLock(Load.HEAVY_OR_TIMED)
@TestServer.Shared
public class ThrottleRowsIT {

    /** Attempts per round of the flood; -Dit.flood=20000 for the size the README quotes. */
    static final int FLOOD = Integer.getInteger("it.flood", 400);

    static void insert(Connection db, String key, int failures, Instant first, Instant blockedUntil) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO sign_in_failures (throttle_key, failures, first_failure_at, blocked_until) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, key);
            insert.setInt(2, failures);
            insert.setObject(3, OffsetDateTime.ofInstant(first, ZoneOffset.UTC));
            insert.setObject(4, blockedUntil == null ? null : OffsetDateTime.ofInstant(blockedUntil, ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    static long count(Connection db, String keyPattern) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM sign_in_failures WHERE throttle_key LIKE ?")) {
            query.setString(1, keyPattern);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A sign-up attempt for a taken name from a new address: what anyone can send, and a new row each time. */
    static Page probe(Browser from, String taken) {
        return from.submit("/sign-up", "/sign-up", Map.of("username", taken, "name", "Prober",
                "password", Accounts.PASSWORD, "confirm", Accounts.PASSWORD));
    }

    /**
     * Rows whose hour is over and that hold nothing back disappear as new rows are made; a row of
     * this hour, and an old one whose wait still runs, stay.
     */
    public static void expiredRowsDisappear(PayaraMicro server, Supplier<Connection> database) throws SQLException {
        String run = Long.toString(System.nanoTime(), 36);
        Instant now = Instant.now();
        try (Connection db = database.get()) {
            for (int i = 0; i < 30; i++) {
                insert(db, "x:" + run + ":expired:" + i, 4, now.minus(Duration.ofMinutes(61 + i)), i % 2 == 0 ? null : now.minus(Duration.ofMinutes(30)));
            }
            insert(db, "x:" + run + ":waiting", 30, now.minus(Duration.ofMinutes(62)), now.plus(Duration.ofSeconds(50)));
            insert(db, "x:" + run + ":recent", 2, now.minus(Duration.ofMinutes(50)), null);
            assertEquals(32, count(db, "x:" + run + ":%"));
        }
        String taken = Accounts.signUp(new Browser(server.uri("")), "cleanup");
        for (int i = 0; i < 3; i++) {
            assertEquals(422, probe(new Browser(server.uri("")), taken).status());
        }
        try (Connection db = database.get()) {
            assertEquals(0, count(db, "x:" + run + ":expired:%"), "rows whose hour is over are removed");
            assertEquals(1, count(db, "x:" + run + ":waiting"), "an old row whose wait still runs stays");
            assertEquals(1, count(db, "x:" + run + ":recent"), "a row of this hour stays");
        }
    }

    /**
     * A flood of sign-ins (two new rows each: the username and the address) and sign-ups (one:
     * the address) from as many new addresses leaves one row per key; an hour later (played by
     * ageing the rows) a second flood of the same size replaces them rather than adding to them.
     */
    public static void aFloodLeavesAtMostTheRowsOfOneHour(PayaraMicro server, Supplier<Connection> database) throws Exception {
        String taken = Accounts.signUp(new Browser(server.uri("")), "flooded");
        int first = ThreadLocalRandom.current().nextInt(0x1000, 0xfffe); // the first flood's prefix; first + 1 the second's
        int second = first + 1;
        long perFlood = FLOOD / 2 * 2 + FLOOD / 2; // sign-ins make two rows, sign-ups one
        long started = System.nanoTime();
        flood(server, taken, first);
        double seconds = (System.nanoTime() - started) / 1e9;
        long table;
        try (Connection db = database.get()) {
            assertEquals(perFlood, rows(db, first), "one row per new key, none more");
            table = count(db, "%");
            // An hour passes (for these rows only): their windows are over and they hold nothing back.
            try (PreparedStatement age = db.prepareStatement("UPDATE sign_in_failures SET first_failure_at = ?, blocked_until = NULL "
                    + "WHERE throttle_key LIKE ? OR throttle_key LIKE ? OR throttle_key LIKE ?")) {
                age.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(61));
                for (int i = 0; i < 3; i++) {
                    age.setString(i + 2, keysOf(first).get(i));
                }
                assertEquals(perFlood, age.executeUpdate());
            }
        }
        flood(server, taken, second);
        try (Connection db = database.get()) {
            long left = rows(db, first);
            long tableAfter = count(db, "%");
            System.out.printf("Throttle rows: %d in the table after %d attempts from new addresses in %.1f s (%d of them the flood's); "
                            + "an hour later, after as many again: %d in the table, %d of the first flood's left%n",
                    table, FLOOD, seconds, perFlood, tableAfter, left);
            assertEquals(0, left, "the rows of the hour before are gone");
            assertEquals(perFlood, rows(db, second));
            assertTrue(tableAfter <= table, () -> "the table did not grow: " + table + " before, " + tableAfter + " after");
        }
    }

    /** The rows a flood with this prefix made. */
    static long rows(Connection db, int prefix) throws SQLException {
        long rows = 0;
        for (String keys : keysOf(prefix)) {
            rows += count(db, keys);
        }
        return rows;
    }

    /** The keys (as LIKE patterns) of the rows a flood with this prefix makes: per address, per sign-up address, per username. */
    static List<String> keysOf(int prefix) {
        String hex = Integer.toHexString(prefix);
        return List.of("a:2001:db8:" + hex + ":%", "n:2001:db8:" + hex + ":%", "u:flood-" + hex + "-%");
    }

    /** FLOOD attempts, each from a /64 of its own (2001:db8:PREFIX:N::/64): half sign-ins for a new username, half sign-up probes. */
    static void flood(PayaraMicro server, String taken, int prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        // One visitor's CSRF cookie, sent from every address (the cookie is what the token is checked against).
        Browser visitor = new Browser(server.uri(""));
        String csrf = visitor.get("/sign-in").csrf();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                int n = i;
                Browser client = visitor.from(String.format("2001:db8:%x:%x::1", prefix, n));
                answers.add(pool.submit(() -> {
                    if (n % 2 == 0) {
                        String username = String.format("flood-%x-%x", prefix, n);
                        return client.post("/sign-in", Map.of("username", username, "password", "", Browser.CSRF_FIELD, csrf)).status();
                    }
                    return client.post("/sign-up", Map.of("username", taken, "name", "Prober", "password", Accounts.PASSWORD,
                            "confirm", Accounts.PASSWORD, Browser.CSRF_FIELD, csrf)).status();
                }));
            }
            for (Future<Integer> answer : answers) {
                int status = answer.get(5, TimeUnit.MINUTES);
                assertTrue(status == 200 || status == 422, "answered: " + status);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void expiredRowsAreRemovedAsNewOnesAreMade(PayaraMicro server) throws SQLException {
        expiredRowsDisappear(server, server::database);
    }

    @Test
    void aFloodFromNewAddressesLeavesAtMostOneHoursRows(PayaraMicro server) throws Exception {
        aFloodLeavesAtMostTheRowsOfOneHour(server, server::database);
    }
}
