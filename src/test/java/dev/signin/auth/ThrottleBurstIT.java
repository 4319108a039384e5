package dev.signin.auth;

import dev.signin.account.TwoStepIT;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Concurrently;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bursts of attempts sent at one instant on throttle keys that have no row yet (a new username, a
 * new address, a new account's codes): only the free attempts are evaluated, the rest are held
 * back, and none meets a deadlock, a lock timeout or an empty connection pool (no 503). The same
 * checks run on PostgreSQL in {@code PostgresIT}.
 */
@TestServer.Shared
public class ThrottleBurstIT {

    /** Failures per username (or per account's codes) before the first wait, as configured on the test servers. */
    static final int FREE = 5;

    /** What a burst got back, and how long it took from the first send to the last answer. */
    public record Burst(List<Page> answers, Duration took) {
        long count(int status) {
            return answers.stream().filter(p -> p.status() == status).count();
        }

        List<Integer> statuses() {
            return answers.stream().map(Page::status).toList();
        }
    }

    static Burst burst(List<Callable<Page>> requests) {
        long started = System.nanoTime();
        List<Page> answers = Concurrently.run(requests);
        return new Burst(answers, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * How many of a burst may be evaluated: the free ones, and one more for each wait that could
     * have ended while the burst lasted (the waits are 1 s, 2 s, 4 s ...: the 6th attempt can come
     * 1 s after the 5th, the 7th 3 s after it). A burst shorter than a second gets the free ones only.
     */
    static long allowed(Duration took) {
        long extra = 0;
        for (long waited = 1; waited * 1000 <= took.toMillis(); waited = waited * 2 + 1) {
            extra++;
        }
        return FREE + extra;
    }

    /** Audit lines of one event for one client address. */
    static long audited(PayaraMicro server, String clientAddress, String event, String fragment) {
        return server.logText().lines()
                .filter(l -> l.contains("{\"time\":") && l.contains("\"client\":\"" + clientAddress + "\"")
                        && l.contains("\"event\":\"" + event + "\"") && l.contains(fragment))
                .count();
    }

    /** 40 wrong passwords for a new account from a new address, at once (counted per username and per address). */
    public static void fortyWrongPasswordsAtOnce(PayaraMicro server) {
        String username = Accounts.signUp(new Browser(server.uri("")), "burst");
        String address = new Browser(server.uri("")).clientAddress(); // an address nothing was counted under
        List<Callable<Page>> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Browser guesser = new Browser(server.uri(""), address);
            String csrf = guesser.get("/sign-in").csrf();
            String guess = "wrong guess " + i;
            guesses.add(() -> guesser.post("/sign-in", Map.of("username", username, "password", guess, Browser.CSRF_FIELD, csrf)));
        }
        assertOnlyTheFreeOnesEvaluated(server, burst(guesses), address, username);
    }

    /** 40 wrong passwords at once from the account's known browser (counted under that browser alone, one new key). */
    public static void fortyWrongPasswordsFromAKnownBrowserAtOnce(PayaraMicro server) {
        Browser owner = new Browser(server.uri(""));
        String username = Accounts.signUp(owner, "burstknown");
        Accounts.signOut(owner); // the browser stays known
        String csrf = owner.get("/sign-in").csrf();
        List<Callable<Page>> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String guess = "wrong guess " + i;
            guesses.add(() -> owner.post("/sign-in", Map.of("username", username, "password", guess, Browser.CSRF_FIELD, csrf)));
        }
        assertOnlyTheFreeOnesEvaluated(server, burst(guesses), owner.clientAddress(), username);
    }

    static void assertOnlyTheFreeOnesEvaluated(PayaraMicro server, Burst burst, String address, String username) {
        long evaluated = burst.count(200);
        assertEquals(40, evaluated + burst.count(429), () -> "only answers (200) and waits (429), no 503: " + burst.statuses());
        assertTrue(evaluated <= allowed(burst.took()), () -> evaluated + " wrong passwords evaluated in "
                + burst.took().toMillis() + " ms, allowed " + allowed(burst.took()) + ": " + burst.statuses());
        assertEquals(evaluated, audited(server, address, "sign_in_failure", "\"username\":\"" + username + "\""),
                "every evaluated guess, and only those, audited as a failure");
        burst.answers().stream().filter(p -> p.status() == 429).forEach(ThrottleIT::assertHeldBack);
    }

    /**
     * 40 wrong codes at once, for an account whose codes were never counted, from the owner's
     * known browser: counted under that browser alone, one key that has no row yet.
     */
    public static void fortyWrongCodesAtOnce(PayaraMicro server) {
        Browser owner = new Browser(server.uri(""));
        TwoStepIT.Enabled account = TwoStepIT.enable(owner, "burstcode");
        Accounts.signOut(owner);
        Page password = Accounts.signIn(owner, account.username(), PASSWORD, false);
        assertEquals("/sign-in/code", password.location().orElseThrow(), password::toString);
        String csrf = owner.get("/sign-in/code").csrf();
        String wrong = wrongCode(account.key());
        List<Callable<Page>> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            guesses.add(() -> owner.post("/sign-in/code", Map.of("code", wrong, Browser.CSRF_FIELD, csrf)));
        }
        Burst burst = burst(guesses);

        long evaluated = burst.count(422);
        assertEquals(40, evaluated + burst.count(429), () -> "only wrong-code answers (422) and waits (429), no 503: " + burst.statuses());
        assertTrue(evaluated <= allowed(burst.took()), () -> evaluated + " wrong codes evaluated in "
                + burst.took().toMillis() + " ms, allowed " + allowed(burst.took()) + ": " + burst.statuses());
        assertEquals(evaluated, audited(server, owner.clientAddress(), "sign_in_code_failed", "\"event\""),
                "every evaluated code, and only those, audited as failed");
        burst.answers().stream().filter(p -> p.status() == 429).forEach(p ->
                assertTrue(p.headers().firstValue("Retry-After").isPresent(), p::toString));
    }

    /**
     * 60 sign-up attempts at once, each from a new address (so each on a new key), while a
     * signed-in user keeps opening a page: every attempt is answered (taken, 422; none 503) and the
     * user's page answers within two seconds throughout.
     */
    public static void sixtyNewKeysAtOnceLeaveThePoolToOthers(PayaraMicro server) throws Exception {
        Browser user = new Browser(server.uri(""));
        String taken = Accounts.signUp(user, "poolwatch");
        String session = user.cookie("signin_session").orElseThrow();
        int block = ThreadLocalRandom.current().nextInt(1, 250);
        List<Callable<Page>> attempts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Browser prober = new Browser(server.uri(""), "192.0." + block + "." + (i + 1));
            String csrf = prober.get("/sign-up").csrf();
            attempts.add(() -> prober.post("/sign-up", Map.of("username", taken, "name", "Prober",
                    "password", PASSWORD, "confirm", PASSWORD, Browser.CSRF_FIELD, csrf)));
        }
        // The user's page, timed by a client of its own that gives up after 10 s (a stalled pool waits 60 s).
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest profile = HttpRequest.newBuilder(server.uri("/")).timeout(Duration.ofSeconds(10))
                .header("Cookie", "signin_session=" + session).header("X-Forwarded-For", user.clientAddress()).build();
        List<String> slow = Collections.synchronizedList(new ArrayList<>());
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean bursting = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (bursting.get()) {
                long started = System.nanoTime();
                String what;
                try {
                    what = "status " + http.send(profile, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                    what = e.toString();
                }
                long took = (System.nanoTime() - started) / 1_000_000;
                millis.add(took);
                if (!what.equals("status 200") || took > 2000) {
                    slow.add(Instant.now() + ": " + what + " after " + took + " ms");
                }
                Concurrently.sleep(100);
            }
        });
        watcher.start();
        Burst burst;
        try {
            burst = burst(attempts);
        } finally {
            bursting.set(false);
            watcher.join(15_000);
        }
        assertEquals(60, burst.count(422), () -> "every attempt answered \"taken\", none turned away: " + burst.statuses());
        assertTrue(slow.isEmpty(), () -> "the signed-in user's page during the burst: " + slow + " (all: " + millis + " ms)");
        assertTrue(!millis.isEmpty(), "the page was opened during the burst");
    }

    static String wrongCode(byte[] key) {
        long step = Totp.step(Instant.now());
        List<String> near = new ArrayList<>();
        for (int d = -3; d <= 3; d++) {
            near.add(Totp.code(key, step + d));
        }
        for (int candidate = 1; ; candidate++) {
            String wrong = String.format("%06d", candidate * 7919 % 1_000_000);
            if (!near.contains(wrong)) {
                return wrong;
            }
        }
    }

    @Test
    void fortyWrongPasswordsOnNewKeysGetOnlyTheFreeOnesEvaluated(PayaraMicro server) {
        fortyWrongPasswordsAtOnce(server);
    }

    @Test
    void fortyWrongPasswordsFromAKnownBrowserGetOnlyTheFreeOnesEvaluated(PayaraMicro server) {
        fortyWrongPasswordsFromAKnownBrowserAtOnce(server);
    }

    @Test
    void fortyWrongCodesOnANewKeyGetOnlyTheFreeOnesEvaluated(PayaraMicro server) {
        fortyWrongCodesAtOnce(server);
    }

    @Test
    void sixtyAttemptsOnNewKeysAtOnceNeitherFailNorStallASignedInUser(PayaraMicro server) throws Exception {
        sixtyNewKeysAtOnceLeaveThePoolToOthers(server);
    }
}
