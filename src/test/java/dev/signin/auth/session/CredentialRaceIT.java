package dev.signin.auth.session;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Concurrently;
import dev.signin.testing.Load;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-ins with the old password racing a change that must end every other session: a password
 * change, "end all other sessions" and account deletion. Whatever the interleaving, no session
 * and no remember-me cookie that came from the old credentials may outlive the change.
 */
@ResourceLock(Load.HEAVY_OR_TIMED)
@TestServer.Shared
class CredentialRaceIT {

    static final int ROUNDS = 8;
    /** Rounds in which the change itself must have gone through (a round whose change met busy hashing, 503, proves nothing). */
    static final int ROUNDS_NEEDED = 4;
    static final String NEW_PASSWORD = "a racing new passphrase";
    static final Set<Integer> EXPECTED = Set.of(200, 303, 409, 429, 503);

    @Test
    void noSignInWithTheOldPasswordSurvivesAPasswordChange(Browser base) {
        // The change hashes twice (checking the current password, then the new one): spread the
        // sign-ins over that time, so that some read the old password before it is replaced.
        race(base, "racepw", 6, 30, false, owner -> {
            Page form = owner.get("/account");
            return () -> owner.post("/account/password", Map.of("current", PASSWORD, "password", NEW_PASSWORD,
                    "confirm", NEW_PASSWORD, "_csrf", form.csrf()));
        });
    }

    @Test
    void noSignInWithTheOldPasswordSurvivesEndingAllOtherSessions(Browser base) {
        // Ending sessions leaves the password valid: a sign-in that starts after it is a new, rightful
        // one. So the sign-ins go first and the change comes while their passwords are being hashed.
        // The browsers are known ones (each signed in before), so that their attempts are counted
        // under keys of their own and none waits for another's before it reads the account.
        race(base, "raceend", 6, 0, true, owner -> {
            Page form = owner.get("/account/sessions");
            return () -> owner.post("/account/sessions/end-others", Map.of("_csrf", form.csrf()));
        });
    }

    @Test
    void noSignInSurvivesTheDeletionOfTheAccount(Browser base) {
        race(base, "racedel", 6, 30, false, owner -> {
            Page form = owner.get("/account");
            return () -> owner.post("/account/delete", Map.of("current", PASSWORD, "_csrf", form.csrf()));
        });
    }

    /**
     * Each round: a fresh account, several sign-ins with "remember me" against the owner's change.
     * Either the change goes first and the sign-ins follow it, staggered; or (signInsFirst) the
     * sign-ins go all together from browsers that signed in before, and the change comes halfway
     * through the second pair of password hashes (the test server hashes two at a time): after
     * every sign-in has read the account, before most have started their session. On a busy
     * machine a sign-in may still read the account only after the change; as ending sessions
     * leaves the password valid, its session is a rightful new one. Which version of the
     * credentials a sign-in read shows in the device cookie it gets (a session starts only with the
     * version read before the hash): a survivor counts as one when it read the version before.
     */
    static void race(Browser base, String prefix, int signInCount, int staggerMillis, boolean signInsFirst,
                     Function<Browser, Callable<Page>> prepareChange) {
        List<String> survivors = new ArrayList<>();
        int raced = 0;
        int readBefore = 0;
        int readLate = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Browser owner = new Browser(base.uri(""));
            String username = Accounts.signUp(owner, prefix);
            Map<Browser, String> signIns = new LinkedHashMap<>();
            List<Long> signInMillis = new ArrayList<>();
            int versionBefore = -1;
            for (int i = 0; i < signInCount; i++) {
                Browser other = new Browser(base.uri(""));
                if (signInsFirst) {
                    long started = System.nanoTime();
                    assertEquals(303, Accounts.signIn(other, username, PASSWORD, false).status());
                    signInMillis.add((System.nanoTime() - started) / 1_000_000);
                    versionBefore = credentialVersion(other);
                    Accounts.signOut(other);
                }
                signIns.put(other, other.get("/sign-in").csrf());
            }
            Callable<Page> prepared = prepareChange.apply(owner);
            long changeDelay = signInsFirst ? signInMillis.stream().sorted().toList().get(signInCount / 2) * 3 / 2 : 0;
            Callable<Page> change = () -> {
                Concurrently.sleep(changeDelay);
                return prepared.call();
            };
            List<Callable<Page>> tasks = new ArrayList<>();
            tasks.add(change);
            int stagger = staggerMillis == 0 ? 0 : 10; // staggered sign-ins come after the change has started
            for (Map.Entry<Browser, String> e : signIns.entrySet()) {
                int delay = stagger;
                stagger += staggerMillis;
                tasks.add(() -> {
                    Concurrently.sleep(delay);
                    return e.getKey().post("/sign-in", Map.of("username", username, "password", PASSWORD,
                            "remember", "on", "_csrf", e.getValue()));
                });
            }
            List<Page> results = Concurrently.run(tasks);
            if (results.get(0).status() == 503) {
                continue;
            }
            assertEquals(303, results.get(0).status(), () -> "the change itself: " + results.get(0));
            raced++;
            int i = 1;
            for (Browser other : signIns.keySet()) {
                Page signIn = results.get(i++);
                assertTrue(EXPECTED.contains(signIn.status()), () -> "sign-in answered " + signIn);
                // Only with the password still valid (signInsFirst) may a sign-in that read the account after the change stay.
                boolean readAfterTheChange = signInsFirst && signIn.status() == 303 && credentialVersion(other) > versionBefore;
                if (readAfterTheChange) {
                    readLate++;
                } else if (signIn.status() == 303 || signIn.status() == 409) {
                    readBefore++;
                }
                String what = " of " + username + (signInsFirst ? " (it read credential version " + credentialVersion(other)
                        + ", the change raised it from " + versionBefore + ")" : "");
                if (other.get("/").status() == 200 && !readAfterTheChange) {
                    survivors.add("session" + what);
                }
                other.cookie(RememberMeIT.COOKIE).ifPresent(cookie -> {
                    Page later = RememberMeIT.laterWith(base, cookie).get("/");
                    if (later.status() == 200 && !readAfterTheChange) {
                        survivors.add("remember-me cookie" + what);
                    }
                });
            }
        }
        System.out.printf("%s: %d rounds raced; %d sign-ins read the account before the change, %d after it%n",
                prefix, raced, readBefore, readLate);
        assertTrue(raced >= ROUNDS_NEEDED, "only " + raced + " rounds had their change go through");
        if (signInsFirst) {
            assertTrue(readBefore > 0, "no sign-in read the account before the change: nothing raced");
        }
        assertTrue(survivors.isEmpty(), "survived the change: " + survivors);
    }

    /** The credential version in the browser's device cookie: the one its last sign-in read (1.userId.version.device...). */
    static int credentialVersion(Browser browser) {
        String device = browser.cookie(SessionCookies.DEVICE_COOKIE).orElseThrow(() -> new AssertionError("no device cookie"));
        return Integer.parseInt(device.split("\\.")[2]);
    }
}
