package dev.signin.auth;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Load;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ResourceLock(Load.HEAVY_OR_TIMED)
@TestServer.Shared
class HashingLimitIT {

    /** The test server allows two hashes at once (SIGNIN_PASSWORD_CONCURRENT_HASHES=2). */
    @Test
    void aFloodOfSignInsIsTurnedAwayQuicklyAndSignedInUsersAreStillServed(Browser user) throws Exception {
        Accounts.signUp(user, "steady");
        int flood = 48;
        List<Browser> attackers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < flood; i++) {
            Browser attacker = new Browser(user.uri(""));
            tokens.add(attacker.get("/sign-in").csrf());
            attackers.add(attacker);
        }
        ExecutorService pool = Executors.newFixedThreadPool(flood);
        try {
            List<CompletableFuture<Page>> answers = new ArrayList<>();
            for (int i = 0; i < flood; i++) {
                Browser attacker = attackers.get(i);
                Map<String, String> form = Map.of("username", Accounts.uniqueUsername("flood"),
                        "password", "guess-" + i, "_csrf", tokens.get(i));
                answers.add(CompletableFuture.supplyAsync(() -> attacker.post("/sign-in", form), pool));
            }
            Page profile = user.get("/");
            assertEquals(200, profile.status(), "a signed-in page needs no hash and is served during the flood");

            int busy = 0;
            for (CompletableFuture<Page> answer : answers) {
                Page page = answer.get();
                assertTrue(page.status() == 200 || page.status() == 503, "only an answer or a quick refusal: " + page.status());
                if (page.status() == 503) {
                    busy++;
                    assertEquals("1", page.headers().firstValue("Retry-After").orElse(""));
                    assertTrue(page.body().contains("Busy right now"), page.body());
                }
            }
            assertTrue(busy > 0, "with two hashes at once and " + flood + " at the door, some are turned away");
        } finally {
            pool.shutdownNow();
        }
    }
}
