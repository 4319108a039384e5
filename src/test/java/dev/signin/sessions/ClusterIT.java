package dev.signin.sessions;

import dev.signin.account.TwoStepIT;
import dev.signin.auth.PasskeyIT;
import dev.signin.auth.twostep.Totp;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Concurrently;
import dev.signin.testing.Load;
import dev.signin.testing.MailServer.Mailbox;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.Postgres;
import dev.signin.testing.SoftAuthenticator;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two (then three) Payara Micro nodes on loopback, found through a TCP member list, sharing
 * sessions through Payara's data grid and users through PostgreSQL, and mailing through one SMTP
 * server (GreenMail in the test JVM) from the shared outbox. The idle timeout is one minute.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other tests (see Load)
@ResourceLock(Load.HEAVY_OR_TIMED)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static Postgres postgres;
    static final String SCHEMA = "signin_cluster_" + Long.toString(System.currentTimeMillis(), 36);
    static final int[] GRID_PORTS = {freePort(), freePort(), freePort()};
    static final List<PayaraMicro> nodes = new ArrayList<>();
    static Mailbox mailbox;
    /** The address users reach the cluster at (a load balancer's): every mailed link starts with it, whichever node wrote it. */
    static final String BASE_URL = "http://cluster.test";

    static PayaraMicro node(String name, int index) {
        String members = "127.0.0.1:" + GRID_PORTS[0] + ",127.0.0.1:" + GRID_PORTS[1] + ",127.0.0.1:" + GRID_PORTS[2];
        PayaraMicro node = new PayaraMicro(name, Map.of(
                "SIGNIN_SECRET", PayaraMicro.SECRET,
                "SIGNIN_TRUSTED_PROXIES", "127.0.0.1",
                "SIGNIN_DB_DATA_SOURCE_CLASS", "org.postgresql.ds.PGSimpleDataSource",
                "SIGNIN_DB_URL", postgres.jdbcUrl(postgres.port, SCHEMA),
                "SIGNIN_DB_USER", postgres.user,
                "SIGNIN_DB_PASSWORD", postgres.password))
                .withOptions(List.of("@" + System.getProperty("server.config.dir") + "/cluster.args",
                                "-Dpayaramicro.startPort=" + GRID_PORTS[index]),
                        List.of("--clusterMode", "tcpip:" + members, "--interfaces", "127.0.0.1",
                                "--clusterName", "signin-it-" + SCHEMA))
                .withEnvironment("SIGNIN_MAIL_HOST", "127.0.0.1")
                .withEnvironment("SIGNIN_MAIL_PORT", Integer.toString(mailbox.port()))
                .withEnvironment("SIGNIN_MAIL_TLS", "none")
                .withEnvironment("SIGNIN_BASE_URL", BASE_URL)
                .withEnvironment("SIGNIN_MAIL_POLL_SECONDS", "1")
                .withEnvironment("SIGNIN_MAIL_RETRY_SECONDS", "1")
                // The shortest idle timeout there is, for the fail-over test (Order 4); the other tests keep theirs in use.
                .withEnvironment("SIGNIN_SESSION_TIMEOUT_MINUTES", "1");
        nodes.add(node);
        return node;
    }

    @BeforeAll
    static void cluster() throws Exception {
        postgres = Postgres.find();
        mailbox = new Mailbox();
        try (Connection db = postgres.connect()) {
            db.createStatement().execute("CREATE SCHEMA " + SCHEMA);
        }
        PayaraMicro a = node("node-a", 0);
        a.start(); // first alone: it runs the migrations
        node("node-b", 1).start();
    }

    @AfterAll
    static void stop() throws Exception {
        nodes.forEach(PayaraMicro::close);
        if (mailbox != null) {
            mailbox.stop();
        }
        if (postgres != null) {
            try (Connection db = postgres.connect()) {
                db.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    /** GET / on a node until it answers 200 (replication is quick but not instantaneous); the time it took. */
    static long awaitSignedIn(Browser browser) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + 15_000_000_000L;
        int status;
        do {
            status = browser.get("/").status();
            if (status == 200) {
                return (System.nanoTime() - started) / 1_000_000;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not signed in on " + browser.uri("/") + " (last status " + status + ")");
    }

    @Test
    @Order(1)
    void twoStepSignInAndPasskeysWorkAcrossNodes() throws Exception {
        PayaraMicro a = nodes.get(0);
        PayaraMicro b = nodes.get(1);
        Browser onA = new Browser(a.uri(""));
        TwoStepIT.Enabled account = TwoStepIT.enable(onA, "cluster2fa");
        Accounts.signOut(onA);
        Page password = Accounts.signIn(onA, account.username(), Accounts.PASSWORD, false);
        assertEquals("/sign-in/code", password.location().orElseThrow(), password::toString);

        // The waiting sign-in is in the replicated session: the code goes to node B.
        Browser onB = onA.at(b.uri(""));
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (onB.get("/sign-in/code").status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String code = Totp.code(account.key(), Totp.step(Instant.now()));
        Page done = onB.submit("/sign-in/code", "/sign-in/code", Map.of("code", code));
        assertEquals(303, done.status(), done::toString);
        assertEquals(200, onB.get("/").status());

        // The code is used up for the whole cluster (the last step used is in the database).
        Browser other = new Browser(a.uri(""));
        Accounts.signIn(other, account.username(), Accounts.PASSWORD, false);
        assertEquals(422, other.submit("/sign-in/code", "/sign-in/code", Map.of("code", code)).status());

        // A passkey added on B signs in on A, with a challenge that A made and B checks.
        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", "http://localhost:8080"); // the default relying party
        // With two-step verification on, adding a passkey takes a code of the app too (a later one than the sign-in's).
        PasskeyIT.addPasskey(onB, authenticator, account.username(),
                Map.of("code", Totp.code(account.key(), Totp.step(Instant.now()) + 1)));
        Browser third = new Browser(a.uri(""));
        JsonObject options = PasskeyIT.json(PasskeyIT.signInOptions(third));
        Browser thirdOnB = third.at(b.uri("")); // the same browser's cookies, from here on kept for B
        Page withPasskey = PasskeyIT.answer(thirdOnB, authenticator.get(options.getString("challenge")));
        assertEquals(303, withPasskey.status(), withPasskey::toString);
        assertEquals("/", withPasskey.location().orElseThrow(), withPasskey::toString);
        assertEquals(200, thirdOnB.get("/").status(), "signed in on the node that checked the passkey");
        awaitSignedIn(thirdOnB.at(a.uri(""))); // and, once the session is replicated, on the other
    }

    /** The path and query of a mailed link: the test reaches each node at its own port. */
    static String pathOf(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    @Test
    @Order(2)
    void aResetMailedByOneNodeIsUsedOnTheOtherOnceAndEachMailIsSentOnce() throws Exception {
        PayaraMicro a = nodes.get(0);
        PayaraMicro b = nodes.get(1);
        String email = Accounts.uniqueUsername("cluster-reset") + "@mail.test";
        Browser owner = new Browser(a.uri(""));
        String username = Accounts.signUpVerified(owner, mailbox, email); // verified through a link written by A
        Browser ownerOnB = owner.at(b.uri(""));
        awaitSignedIn(ownerOnB);

        Page asked = new Browser(a.uri("")).submit("/password/forgot", "/password/forgot", Map.of("email", email));
        assertEquals(200, asked.status(), asked::toString);
        String link = Mailbox.link(mailbox.await(email, "Reset your password"));
        assertTrue(link.startsWith(BASE_URL + "/password/reset?token="), link);

        Browser stranger = new Browser(b.uri(""));
        Page form = stranger.get(pathOf(link));
        assertEquals(200, form.status(), "the link A wrote works on B: " + form);
        String chosen = "a passphrase set on node B";
        String token = link.substring(link.indexOf("token=") + 6);
        Page done = stranger.post("/password/reset", Map.of("token", token, "password", chosen, "confirm", chosen,
                Browser.CSRF_FIELD, form.csrf()));
        assertEquals(303, done.status(), done::toString);
        assertEquals(410, new Browser(a.uri("")).get(pathOf(link)).status(), "used on B, it is used on A too");
        assertEquals(303, ownerOnB.get("/").status(), "the reset ended the owner's session on B");
        assertEquals(303, owner.get("/").status(), "and on A");
        assertEquals(200, Accounts.signIn(new Browser(a.uri("")), username, Accounts.PASSWORD, false).status(), "the old password fails on A");
        assertEquals(303, Accounts.signIn(new Browser(a.uri("")), username, chosen, false).status(), "the new one signs in on A");

        mailbox.await(email, "Your password was reset");
        Concurrently.sleep(4000); // both nodes look into the outbox every second: a second copy would be here by now
        List<String> subjects = mailbox.to(email).stream().map(Mailbox::subject).sorted().toList();
        assertEquals(List.of("Reset your password", "Verify your e-mail address", "Your password was reset"), subjects,
                "each mail sent once by the two nodes");
    }

    @Test
    @Order(3)
    void sessionsFollowTheUserAcrossNodesSurviveAKilledNodeAndReachANewOne() throws Exception {
        PayaraMicro a = nodes.get(0);
        PayaraMicro b = nodes.get(1);

        // Signed in on A, signed in on B.
        Browser onA = new Browser(a.uri(""));
        String username = Accounts.signUp(onA, "cluster");
        long visibleAfterMs = awaitSignedIn(onA.at(b.uri("")));
        System.out.println("A session from node A was usable on node B after " + visibleAfterMs + " ms");
        Page profileOnB = onA.at(b.uri("")).get("/");
        assertTrue(profileOnB.body().contains("Name of " + username), () -> "the profile on B: " + profileOnB.status()
                + " " + profileOnB.headers().map() + "\n" + profileOnB.body());

        // Signed out on B, with the CSRF token of a page served by A (the token lives in the
        // replicated session): A no longer accepts the cookie.
        String tokenFromA = onA.get("/").csrf();
        Browser onB = onA.at(b.uri(""));
        Page signedOut = onB.post("/sign-out", Map.of("_csrf", tokenFromA));
        assertEquals(303, signedOut.status());
        // At once: the registry row in the database decides, not the replicated session.
        assertEquals(303, onA.get("/").status(), "the session ended on B is over on A too");

        // Twenty sessions made on A all work on B after kill -9 of A.
        List<Browser> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Browser browser = new Browser(a.uri(""));
            assertEquals(303, Accounts.signIn(browser, username, Accounts.PASSWORD, false).status());
            twenty.add(browser);
        }
        // Replicated sessions get the WAR's ids too (128 random bits), not Payara's 28 hex digits.
        for (Browser browser : twenty) {
            String id = browser.cookie("signin_session").orElseThrow();
            assertTrue(id.matches("[0-9a-f]{32}"), "32 hex digits: " + id);
        }
        for (Browser browser : twenty) {
            awaitSignedIn(browser.at(b.uri("")));
        }
        a.kill();
        for (Browser browser : twenty) {
            assertEquals(200, browser.at(b.uri("")).get("/").status(), "every session survived the killed node");
        }

        // A node started later serves the existing sessions. Its boot can take longer than the idle
        // timeout of one minute: the twenty stay in use on B meanwhile, as users would keep them.
        PayaraMicro c = node("node-c", 2);
        try (AutoCloseable inUse = keptInUse(twenty, b)) {
            c.start();
        }
        for (Browser browser : twenty) {
            awaitSignedIn(browser.at(c.uri("")));
        }
        Browser newOnC = new Browser(c.uri(""));
        assertEquals(303, Accounts.signIn(newOnC, username, Accounts.PASSWORD, false).status());
        assertTrue(newOnC.cookie("signin_session").orElseThrow().matches("[0-9a-f]{32}"), "and on the node started later");
        Browser onC = twenty.get(0).at(c.uri(""));
        assertTrue(onC.get("/account/sessions").body().contains("This session"), "the registry is shared too");
    }

    /**
     * The idle timeout (one minute here) still holds after a fail-over: a session last used on a
     * node that then dies is over on the survivor once it has been idle for the timeout, and
     * its twin, used on the survivor meanwhile, is still going past the minute (so the idle
     * session did reach the survivor, and the survivor counts idle time from the last use,
     * wherever it was).
     */
    @Test
    @Order(4)
    void theIdleTimeoutHoldsAfterAFailOver() throws Exception {
        PayaraMicro b = nodes.get(1);
        PayaraMicro c = nodes.get(2);
        String username = Accounts.signUp(new Browser(b.uri("")), "cluster-idle");
        Browser idle = new Browser(b.uri(""));
        Browser twin = new Browser(b.uri(""));
        assertEquals(303, Accounts.signIn(idle, username, Accounts.PASSWORD, false).status());
        assertEquals(303, Accounts.signIn(twin, username, Accounts.PASSWORD, false).status());
        assertEquals(200, twin.get("/").status());
        assertEquals(200, idle.get("/").status());
        long lastUsed = System.nanoTime(); // the idle session's last use, on B
        Concurrently.sleep(3000); // Payara writes a session to the grid after each request
        b.kill();

        sleepUntil(lastUsed, 35);
        assertEquals(200, twin.at(c.uri("")).get("/").status(), "the twin reached C and is in use there");
        sleepUntil(lastUsed, 70);
        assertEquals(303, idle.at(c.uri("")).get("/").status(),
                "idle for 70 s (timeout 60 s) since its last use on the node that died: over on the survivor");
        sleepUntil(lastUsed, 80);
        assertEquals(200, twin.at(c.uri("")).get("/").status(),
                "used 45 s ago on C, 80 s after the last use on B: still going");
    }

    private static void sleepUntil(long start, int seconds) {
        long left = start + seconds * 1_000_000_000L - System.nanoTime();
        if (left > 0) {
            Concurrently.sleep(left / 1_000_000);
        }
    }

    /** GET / on the node for every browser every 15 s until closed (a session's use, as a user's). */
    private static AutoCloseable keptInUse(List<Browser> browsers, PayaraMicro node) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleWithFixedDelay(() -> browsers.forEach(browser -> browser.at(node.uri("")).get("/")),
                15, 15, TimeUnit.SECONDS);
        return timer::shutdownNow;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
