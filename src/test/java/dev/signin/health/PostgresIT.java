package dev.signin.health;

import dev.signin.account.TwoStepIT;
import dev.signin.auth.PasskeyIT;
import dev.signin.auth.throttle.ThrottleBurstIT;
import dev.signin.auth.throttle.ThrottleRowsIT;
import dev.signin.auth.twostep.Totp;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Load;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.Postgres;
import dev.signin.testing.SoftAuthenticator;
import dev.signin.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;

import jakarta.json.JsonObject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app on PostgreSQL, chosen by configuration alone, in a schema of its own; the database
 * reached through a proxy the test can cut, to see the app lose the database and recover.
 */
@ResourceLock(Load.HEAVY_OR_TIMED)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresIT {

    static Postgres postgres;
    static TcpProxy proxy;
    static PayaraMicro server;
    static final String SCHEMA = "signin_it_" + Long.toString(System.currentTimeMillis(), 36);

    @BeforeAll
    static void boot() throws Exception {
        postgres = Postgres.find();
        try (Connection db = postgres.connect()) {
            db.createStatement().execute("CREATE SCHEMA " + SCHEMA);
        }
        proxy = new TcpProxy(postgres.port);
        server = new PayaraMicro("postgres", Map.of(
                "SIGNIN_SECRET", PayaraMicro.SECRET,
                "SIGNIN_DB_DATA_SOURCE_CLASS", "org.postgresql.ds.PGSimpleDataSource",
                "SIGNIN_DB_URL", postgres.jdbcUrl(proxy.port(), SCHEMA),
                "SIGNIN_DB_USER", postgres.user,
                "SIGNIN_DB_PASSWORD", postgres.password,
                // Tests play many clients with X-Forwarded-For, as on the shared test server.
                "SIGNIN_TRUSTED_PROXIES", "127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (postgres != null) {
            try (Connection db = postgres.connect()) {
                db.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    @Test
    @Order(1)
    void migrationsApplyAndTheWholeFlowWorksOnPostgres() throws Exception {
        try (Connection db = postgres.connect();
             ResultSet rs = db.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM " + SCHEMA + ".flyway_schema_history WHERE success")) {
            rs.next();
            assertTrue(rs.getInt(1) >= 3, "every migration applied on PostgreSQL");
        }
        Browser browser = new Browser(server.uri(""));
        String username = Accounts.signUp(browser, "pg");
        assertTrue(browser.get("/").body().contains("Name of " + username));
        Accounts.signOut(browser);
        assertEquals(303, Accounts.signIn(browser, username, Accounts.PASSWORD, false).status());
        try (Connection db = postgres.connect();
             ResultSet rs = db.createStatement().executeQuery(
                     "SELECT password_hash FROM " + SCHEMA + ".users WHERE username = '" + username + "'")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("$argon2id$"), "stored as an Argon2id hash");
        }
        Page ready = browser.get("/health/ready");
        assertEquals(200, ready.status(), ready::body);
        assertTrue(ready.body().contains("\"status\":\"UP\""), ready.body());
    }

    @Test
    @Order(2)
    void twoStepVerificationAndPasskeysWorkOnPostgres() {
        Browser browser = new Browser(server.uri(""));
        TwoStepIT.Enabled account = TwoStepIT.enable(browser, "pg2fa");
        Accounts.signOut(browser);
        Page password = Accounts.signIn(browser, account.username(), Accounts.PASSWORD, false);
        assertEquals("/sign-in/code", password.location().orElseThrow(), password::toString);
        String code = Totp.code(account.key(), Totp.step(Instant.now()));
        assertEquals(303, browser.submit("/sign-in/code", "/sign-in/code", Map.of("code", code)).status());
        assertEquals(200, browser.get("/").status());
        Accounts.signOut(browser);
        Accounts.signIn(browser, account.username(), Accounts.PASSWORD, false);
        assertEquals(422, browser.submit("/sign-in/code", "/sign-in/code", Map.of("code", code)).status(),
                "a code is taken once (the conditional UPDATE on PostgreSQL)");
        assertEquals(303, browser.submit("/sign-in/code", "/sign-in/code",
                Map.of("code", account.recoveryCodes().get(0))).status(), "a recovery code");

        // This server keeps the default relying party: localhost, origin http://localhost:8080.
        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", "http://localhost:8080");
        // With two-step verification on, adding a passkey takes a code of the app too (a later one than the sign-in's).
        PasskeyIT.addPasskey(browser, authenticator, account.username(),
                Map.of("code", Totp.code(account.key(), Totp.step(Instant.now()) + 1)));
        Accounts.signOut(browser);
        JsonObject options = PasskeyIT.json(PasskeyIT.signInOptions(browser));
        Page signedIn = PasskeyIT.answer(browser, authenticator.get(options.getString("challenge")));
        assertEquals(303, signedIn.status(), signedIn::toString);
        assertTrue(browser.get("/").body().contains("Name of " + account.username()), "signed in with the passkey alone");
    }

    @Test
    @Order(3)
    void losingTheDatabaseGivesA503PageAndTheAppRecoversByItself() throws Exception {
        Browser browser = new Browser(server.uri(""));
        Accounts.signUp(browser, "outage");
        assertEquals(200, browser.get("/").status());

        proxy.cut();
        try {
            Page profile = browser.get("/");
            assertEquals(503, profile.status(), profile::toString);
            assertTrue(profile.body().contains("We cannot reach our database right now"), profile.body());
            assertFalse(profile.body().toLowerCase().contains("exception"), profile.body());
            assertTrue(profile.headers().firstValue("Retry-After").isPresent());
            Page signIn = Accounts.signIn(new Browser(server.uri("")), "someone", "some password", false);
            assertEquals(503, signIn.status(), signIn::toString);
            Page ready = browser.get("/health/ready");
            assertEquals(503, ready.status(), ready::body);
            assertTrue(ready.body().contains("\"status\":\"DOWN\""));
            assertEquals(200, browser.get("/health/live").status(), "not ready, but alive: no restart needed");
        } finally {
            proxy.restore();
        }

        long deadline = System.nanoTime() + 60_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = browser.get("/").status();
            if (status != 200) {
                Thread.sleep(500);
            }
        }
        assertEquals(200, status, "back by itself, and the session survived the outage");
        assertEquals(200, browser.get("/health/ready").status());
    }

    /** A connection to the app's schema, for the checks that look into the throttle's rows. */
    static Connection appSchema() {
        try {
            Connection db = postgres.connect();
            db.setSchema(SCHEMA);
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bursts on new keys, with the database 20 ms away (as across a network): the wider the gap, the easier a race. */
    @Test
    @Order(4)
    void burstsOnNewThrottleKeysGetOnlyTheFreeAttemptsEvaluatedOnPostgres() {
        proxy.delay(Duration.ofMillis(20));
        try {
            ThrottleBurstIT.fortyWrongPasswordsAtOnce(server);
            ThrottleBurstIT.fortyWrongPasswordsFromAKnownBrowserAtOnce(server);
            ThrottleBurstIT.fortyWrongCodesAtOnce(server);
        } finally {
            proxy.delay(Duration.ZERO);
        }
    }

    /**
     * PostgreSQL waits for a lock as long as it takes: a longer hold than on H2, and the page must
     * answer well before the lock goes (before the fix, the pool emptied and the server stalled).
     */
    @Test
    @Order(5)
    void sixtyAttemptsWaitingOnALockedRowLeaveThePoolToASignedInUserOnPostgres() throws Exception {
        ThrottleBurstIT.sixtyAttemptsWaitingOnALockLeaveThePoolToOthers(server, PostgresIT::appSchema, Duration.ofSeconds(4), Duration.ofMillis(2500));
    }

    @Test
    @Order(6)
    void expiredThrottleRowsAreRemovedOnPostgres() throws Exception {
        ThrottleRowsIT.expiredRowsDisappear(server, PostgresIT::appSchema);
    }

    @Test
    @Order(7)
    void aFloodFromNewAddressesLeavesAtMostOneHoursRowsOnPostgres() throws Exception {
        ThrottleRowsIT.aFloodLeavesAtMostTheRowsOfOneHour(server, PostgresIT::appSchema);
    }
}
