package dev.signin.account;

import dev.signin.auth.twostep.Totp;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Concurrently;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two-step verification with an authenticator app, on the real server: the codes are computed
 * here from the key the page shows, as an app would.
 */
@ResourceLock(Load.HEAVY_OR_TIMED)
@TestServer.Shared
public class TwoStepIT {

    static final String SESSION = "signin_session";
    public static final Pattern KEY = Pattern.compile("<code id=\"totp-key\">([A-Z2-7 ]+)</code>");
    public static final Pattern RECOVERY_CODE = Pattern.compile("<li><code>([a-z2-7]{6}-[a-z2-7]{6}-[a-z2-7]{6}-[a-z2-7]{6})</code></li>");

    public record Enabled(String username, byte[] key, List<String> recoveryCodes) {
    }

    /** Signs up and turns two-step verification on, the way a person does; still signed in after. */
    public static Enabled enable(Browser browser, String prefix) {
        String username = Accounts.signUp(browser, prefix);
        Page off = browser.get("/account/two-step");
        assertEquals(200, off.status());
        assertTrue(off.body().contains("Set up two-step verification"), off.body());
        Page started = browser.submit("/account/two-step", "/account/two-step/start", Map.of("current", PASSWORD));
        assertEquals(303, started.status(), started::toString);
        Page setup = browser.get("/account/two-step");
        Matcher key = KEY.matcher(setup.body());
        assertTrue(key.find(), setup::toString);
        byte[] secret = Totp.fromBase32(key.group(1)).orElseThrow();
        // The step before now (still accepted): the steps of now and after stay free for the tests' next codes.
        Page codes = browser.post("/account/two-step/confirm", Map.of("code", code(secret, -1), Browser.CSRF_FIELD, setup.csrf()));
        assertEquals(200, codes.status(), codes::toString);
        List<String> recovery = new ArrayList<>();
        Matcher m = RECOVERY_CODE.matcher(codes.body());
        while (m.find()) {
            recovery.add(m.group(1));
        }
        assertEquals(10, recovery.size(), codes::toString);
        return new Enabled(username, secret, recovery);
    }

    /** The app's code now, or steps later. */
    public static String code(byte[] key, int stepsLater) {
        return Totp.code(key, Totp.step(Instant.now()) + stepsLater);
    }

    /** Six digits that are none of the codes around now. */
    public static String wrongCode(byte[] key) {
        List<String> near = List.of(code(key, -2), code(key, -1), code(key, 0), code(key, 1), code(key, 2));
        for (int candidate = 0; ; candidate++) {
            String wrong = String.format("%06d", candidate * 7919 % 1_000_000);
            if (!near.contains(wrong)) {
                return wrong;
            }
        }
    }

    public static Page signInWithPassword(Browser browser, String username, boolean remember) {
        Page page = Accounts.signIn(browser, username, PASSWORD, remember);
        assertEquals(303, page.status(), page::toString);
        assertEquals("/sign-in/code", page.location().orElseThrow());
        return page;
    }

    public static Page enterCode(Browser browser, String code) {
        return browser.submit("/sign-in/code", "/sign-in/code", Map.of("code", code));
    }

    @Test
    void theSetUpShowsTheKeyAsAQrCodeDrawnHereAndAsTextAndKeepsItSealed(PayaraMicro server, Browser browser) throws SQLException {
        String username = Accounts.signUp(browser, "totp-setup");
        assertTrue(browser.get("/account").body().contains("href=\"/account/two-step\""), "linked from the settings");
        assertEquals(422, browser.submit("/account/two-step", "/account/two-step/start", Map.of("current", "wrong password")).status(),
                "starting needs the password");
        browser.submit("/account/two-step", "/account/two-step/start", Map.of("current", PASSWORD));
        Page setup = browser.get("/account/two-step");
        assertEquals(200, setup.status());
        String html = setup.body();
        assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\""), "an inline SVG QR code");
        assertFalse(html.contains("<img") || html.contains("<script") || html.contains(" style="), "no image service, script or inline style");
        assertEquals("no-store", setup.headers().firstValue("Cache-Control").orElse(""));
        Matcher key = KEY.matcher(html);
        assertTrue(key.find());
        String base32 = key.group(1).replace(" ", "");
        assertEquals(32, base32.length(), "160 bits");

        byte[] secret = Totp.fromBase32(base32).orElseThrow();
        assertEquals(422, browser.submit("/account/two-step", "/account/two-step/confirm", Map.of("code", wrongCode(secret))).status(),
                "a wrong code does not turn it on");
        Page on = browser.submit("/account/two-step", "/account/two-step/confirm", Map.of("code", code(secret, 0)));
        assertEquals(200, on.status(), on::toString);
        assertTrue(on.body().contains("Two-step verification is on."));
        Page status = browser.get("/account/two-step");
        assertTrue(status.body().contains("<strong id=\"recovery-codes-left\">10</strong>"), status::toString);
        assertFalse(status.body().contains(base32.substring(0, 4) + " "), "the key is not shown again");

        try (Connection db = server.database();
             PreparedStatement query = db.prepareStatement("SELECT totp_secret, totp_pending, "
                     + "(SELECT COUNT(*) FROM recovery_codes r WHERE r.user_id = u.id) FROM users u WHERE username = ?")) {
            query.setString(1, username);
            ResultSet row = query.executeQuery();
            assertTrue(row.next());
            String stored = row.getString(1);
            assertNotNull(stored);
            assertTrue(stored.startsWith("1."), "sealed: " + stored);
            assertFalse(stored.toUpperCase().contains(base32.substring(0, 8)), "the key is not stored as it is shown");
            assertEquals(null, row.getString(2), "nothing left being set up");
            assertEquals(10, row.getInt(3));
        }
        List<String> audit = auditLines(server, browser);
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"mfa_enabled\"")), String.join("\n", audit));
    }

    @Test
    void aRightPasswordLeadsToTheCodeAndNothingOfTheAccountIsReachableBeforeIt(Browser browser) {
        Enabled account = enable(browser, "totp-signin");
        Accounts.signOut(browser);
        browser.removeCookie(SESSION);

        Page password = signInWithPassword(browser, account.username(), true);
        assertTrue(password.setCookie("signin_remember").isEmpty(), "no remember-me cookie yet: " + password.setCookies());
        assertTrue(password.setCookie("signin_device").isEmpty(), "no device cookie yet: " + password.setCookies());
        String pending = browser.cookie(SESSION).orElseThrow(() -> new AssertionError("the waiting sign-in is bound to this browser"));

        for (String path : List.of("/", "/account", "/account/two-step", "/account/sessions")) {
            Page page = browser.get(path);
            assertEquals(303, page.status(), path);
            assertTrue(page.location().orElseThrow().startsWith("/sign-in?next="), path + " -> " + page.location());
        }
        Page codeForm = browser.get("/sign-in/code");
        assertEquals(200, codeForm.status());
        assertTrue(codeForm.body().contains("autocomplete=\"one-time-code\""));
        String csrf = codeForm.csrf();
        for (String form : List.of("/account/profile", "/account/password", "/account/delete", "/account/two-step/start",
                "/account/two-step/disable", "/account/sessions/end-others")) {
            Page page = browser.post(form, Map.of("name", "Hijacked", "about", "", "current", PASSWORD, "password", "a new password 123",
                    "confirm", "a new password 123", "code", code(account.key(), 0), Browser.CSRF_FIELD, csrf));
            assertEquals(303, page.status(), form + ": " + page);
            assertTrue(page.location().orElseThrow().startsWith("/sign-in"), form + " -> " + page.location());
        }

        Page signedIn = enterCode(browser, code(account.key(), 1));
        assertEquals(303, signedIn.status(), signedIn::toString);
        assertEquals("/", signedIn.location().orElseThrow());
        assertTrue(signedIn.setCookie("signin_remember").isPresent(), "the remember-me choice was carried: " + signedIn.setCookies());
        assertTrue(signedIn.setCookie("signin_device").isPresent());
        String session = browser.cookie(SESSION).orElseThrow();
        assertNotEquals(pending, session, "a fresh session id when the sign-in completes");
        Page profile = browser.get("/");
        assertEquals(200, profile.status());
        assertTrue(profile.body().contains("Name of " + account.username()), "the profile is unchanged: " + profile.body());
        assertFalse(profile.body().contains("Hijacked"));
        assertEquals(200, Accounts.signIn(new Browser(browser.uri("")), account.username(), "a new password 123", false).status(),
                "the password was not changed");
    }

    @Test
    void turningItOnRevokesTheRememberMeCookiesFromBefore(Browser browser) {
        String username = Accounts.signUp(browser, "totp-remember");
        Accounts.signOut(browser);
        Browser other = new Browser(browser.uri(""));
        assertEquals(303, Accounts.signIn(other, username, PASSWORD, true).status());
        Accounts.signIn(browser, username, PASSWORD, true);
        String before = browser.cookie("signin_remember").orElseThrow();

        browser.submit("/account/two-step", "/account/two-step/start", Map.of("current", PASSWORD));
        Page setup = browser.get("/account/two-step");
        Matcher key = KEY.matcher(setup.body());
        assertTrue(key.find());
        Page on = browser.post("/account/two-step/confirm", Map.of("code",
                code(Totp.fromBase32(key.group(1)).orElseThrow(), 0), Browser.CSRF_FIELD, setup.csrf()));
        assertEquals(200, on.status());
        String after = browser.cookie("signin_remember").orElseThrow(() -> new AssertionError("this browser keeps one"));
        assertNotEquals(before, after);

        other.removeCookie(SESSION);
        assertEquals(303, other.get("/").status(), "a cookie issued after the password alone no longer signs in");
        browser.removeCookie(SESSION);
        assertEquals(200, browser.get("/").status(), "the new cookie of this browser does");
    }

    @Test
    void oneCodeSentFromSeveralWaitingBrowsersAtOnceSignsInOnlyOne(PayaraMicro server, Browser browser) {
        Enabled account = enable(browser, "totp-race");
        Accounts.signOut(browser);
        List<Browser> waiting = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // within the free wrong codes, so that none is held back instead
            Browser other = new Browser(server.uri(""));
            signInWithPassword(other, account.username(), false);
            tokens.add(other.get("/sign-in/code").csrf());
            waiting.add(other);
        }
        String code = code(account.key(), 1);
        List<Callable<Integer>> sends = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            Browser other = waiting.get(i);
            String csrf = tokens.get(i);
            sends.add(() -> other.post("/sign-in/code", Map.of("code", code, Browser.CSRF_FIELD, csrf)).status());
        }
        List<Integer> statuses = Concurrently.run(sends);
        assertEquals(1, statuses.stream().filter(s -> s == 303).count(), "the code signs in once: " + statuses);
        assertEquals(waiting.size() - 1, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
    }

    @Test
    void aCodeWorksOnceAndAWrongOneIsRefused(Browser browser) {
        Enabled account = enable(browser, "totp-once");
        Accounts.signOut(browser);
        signInWithPassword(browser, account.username(), false);
        Page wrong = enterCode(browser, Totp.code(account.key(), Totp.step(Instant.now()) + 5));
        assertEquals(422, wrong.status(), "a code of another time");
        assertTrue(wrong.body().contains("That code is not right"));
        String used = code(account.key(), 1);
        assertEquals(303, enterCode(browser, used).status());
        Accounts.signOut(browser);

        signInWithPassword(browser, account.username(), false);
        assertEquals(422, enterCode(browser, used).status(), "the same code again");
        assertEquals(422, enterCode(browser, code(account.key(), 0)).status(), "an older code");
        assertEquals(303, browser.get("/").status(), "still not signed in");
    }

    @Test
    void repeatedWrongCodesAreHeldBackAndARightPasswordDoesNotResetThem(PayaraMicro server, Browser browser) throws InterruptedException {
        Enabled account = enable(browser, "totp-throttle");
        Accounts.signOut(browser);
        signInWithPassword(browser, account.username(), false);
        Page page = null;
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            page = enterCode(browser, wrongCode(account.key()));
            if (page.status() == 429) {
                break;
            }
            assertEquals(422, page.status(), page.toString());
            refused++;
        }
        assertEquals(429, page.status(), "held back after " + refused + " wrong codes");
        assertEquals(5, refused, "five free failures, as for passwords");
        assertTrue(page.headers().firstValue("Retry-After").isPresent());
        assertTrue(page.body().contains("Too many failed attempts"));
        assertEquals(429, enterCode(browser, code(account.key(), 1)).status(), "even a right code waits");

        Thread.sleep(1_200);
        assertEquals(422, enterCode(browser, wrongCode(account.key())).status());
        // Now a wait of two seconds: the right password again does not buy fresh guesses.
        signInWithPassword(browser, account.username(), false);
        assertEquals(429, enterCode(browser, code(account.key(), 1)).status());
        List<String> audit = auditLines(server, browser);
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"sign_in_code_failed\"")));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"sign_in_code_throttled\"")));
    }

    @Test
    void eachRecoveryCodeWorksOnceAndNewOnesNeedThePasswordAndACode(PayaraMicro server, Browser browser) {
        Enabled account = enable(browser, "totp-recovery");
        Accounts.signOut(browser);
        String first = account.recoveryCodes().get(0);
        signInWithPassword(browser, account.username(), false);
        assertEquals(303, enterCode(browser, first.toUpperCase().replace("-", " ")).status(), "typed any way");
        Page status = browser.get("/account/two-step");
        assertTrue(status.body().contains("<strong id=\"recovery-codes-left\">9</strong>"), status::toString);
        Accounts.signOut(browser);

        signInWithPassword(browser, account.username(), false);
        assertEquals(422, enterCode(browser, first).status(), "a recovery code works once");
        assertEquals(303, enterCode(browser, account.recoveryCodes().get(1)).status());

        assertEquals(422, browser.submit("/account/two-step", "/account/two-step/recovery-codes",
                Map.of("current", "wrong password", "code", code(account.key(), 1))).status());
        assertEquals(422, browser.submit("/account/two-step", "/account/two-step/recovery-codes", Map.of("current", PASSWORD)).status(),
                "the password alone (StepUpIT has more)");
        Page fresh = browser.submit("/account/two-step", "/account/two-step/recovery-codes", Map.of("current", PASSWORD, "code", code(account.key(), 1)));
        assertEquals(200, fresh.status());
        Matcher m = RECOVERY_CODE.matcher(fresh.body());
        assertTrue(m.find());
        String newCode = m.group(1);
        Accounts.signOut(browser);

        signInWithPassword(browser, account.username(), false);
        assertEquals(422, enterCode(browser, account.recoveryCodes().get(2)).status(), "the old codes stopped working");
        assertEquals(303, enterCode(browser, newCode).status());
        List<String> audit = auditLines(server, browser);
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"recovery_code_used\"")));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"recovery_codes_regenerated\"")));
    }

    @Test
    void turningItOffNeedsThePasswordAndACode(PayaraMicro server, Browser browser) {
        Enabled account = enable(browser, "totp-off");
        Page noCode = browser.submit("/account/two-step", "/account/two-step/disable", Map.of("current", PASSWORD, "code", wrongCode(account.key())));
        assertEquals(422, noCode.status(), "a wrong code");
        Page noPassword = browser.submit("/account/two-step", "/account/two-step/disable",
                Map.of("current", "wrong password", "code", code(account.key(), 1)));
        assertEquals(422, noPassword.status(), "a wrong password");
        assertTrue(browser.get("/account/two-step").body().contains("recovery-codes-left"), "still on");

        Page off = browser.submit("/account/two-step", "/account/two-step/disable", Map.of("current", PASSWORD, "code", code(account.key(), 1)));
        assertEquals(303, off.status(), off::toString);
        assertTrue(browser.follow(off).body().contains("Two-step verification is off."));
        Accounts.signOut(browser);
        Page signedIn = Accounts.signIn(browser, account.username(), PASSWORD, false);
        assertEquals("/", signedIn.location().orElseThrow(), "the password alone again");
        assertTrue(auditLines(server, browser).stream().anyMatch(l -> l.contains("\"event\":\"mfa_disabled\"")));
    }

    @Test
    void withoutARightPasswordFirstTheCodePageLeadsToSignIn(Browser browser) {
        Page page = browser.get("/sign-in/code?next=/account");
        assertEquals(303, page.status());
        assertEquals("/sign-in?next=%2Faccount", page.location().orElseThrow());
        assertTrue(browser.cookie(SESSION).isEmpty(), "no session for it");
        Page form = browser.get("/sign-in");
        Page post = browser.post("/sign-in/code", Map.of("code", "123456", Browser.CSRF_FIELD, form.csrf()));
        assertEquals(303, post.status(), post::toString);
        assertEquals("/sign-in", post.location().orElseThrow());
        assertTrue(browser.cookie(SESSION).isEmpty(), "still no session");
    }

    @Test
    void whereToGoNextIsCarriedThroughTheSecondStep(Browser browser) {
        Enabled account = enable(browser, "totp-next");
        Accounts.signOut(browser);
        Page password = browser.submit("/sign-in?next=/account", "/sign-in",
                Map.of("username", account.username(), "password", PASSWORD, "next", "/account"));
        assertEquals("/sign-in/code?next=%2Faccount", password.location().orElseThrow());
        Page form = browser.follow(password);
        assertEquals("/account", form.inputValue("next").orElseThrow());
        Page done = browser.post("/sign-in/code", Map.of("code", code(account.key(), 1), "next", "/account", Browser.CSRF_FIELD, form.csrf()));
        assertEquals("/account", done.location().orElseThrow());
    }

    static List<String> auditLines(PayaraMicro server, Browser browser) {
        return server.logText().lines()
                .filter(l -> l.contains("{\"time\":") && l.contains("\"client\":\"" + browser.clientAddress() + "\""))
                .toList();
    }
}
