package dev.signin.auth.session;

import dev.signin.auth.Authentication;
import dev.signin.config.Mode;
import dev.signin.config.SecretKeys;
import dev.signin.signin.SignInIT;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
class RememberMeIT {

    static final String COOKIE = Authentication.REMEMBER_ME_COOKIE;

    /** Signs in with "remember me" ticked and returns the cookie's value. */
    static String rememberedSignIn(Browser browser, String username) {
        Page page = Accounts.signIn(browser, username, PASSWORD, true);
        assertEquals(303, page.status());
        String header = page.setCookie(COOKIE).orElseThrow(() -> new AssertionError("no remember-me cookie"));
        String lower = header.toLowerCase();
        assertTrue(lower.contains("; httponly") && lower.contains("; samesite=lax") && lower.contains("max-age=2592000"),
                header);
        return browser.cookie(COOKIE).orElseThrow();
    }

    /** A browser that has nothing but the remember-me cookie: the session is long gone. */
    static Browser laterWith(Browser browser, String cookie) {
        Browser later = new Browser(browser.uri(""));
        later.setCookie(COOKIE, cookie);
        return later;
    }

    @Test
    void signsTheUserBackInWhenTheSessionIsGone(Browser browser) {
        String username = Accounts.signUp(browser, "remember");
        browser.clearCookies();
        String cookie = rememberedSignIn(browser, username);

        Browser later = laterWith(browser, cookie);
        Page profile = later.get("/");
        assertEquals(200, profile.status(), profile::toString);
        assertTrue(profile.body().contains("Name of " + username));
        assertTrue(profile.setCookie(SignInIT.SESSION).isPresent(), "a fresh session is started");
        assertEquals(200, later.get("/").status(), "and kept");
    }

    @Test
    void aRememberedSignInIsAuditedAndCounted(PayaraMicro server, Browser browser) {
        String username = Accounts.signUp(browser, "rememberaudit");
        browser.clearCookies();
        String cookie = rememberedSignIn(browser, username);
        long before = signIns(browser);

        Browser later = laterWith(browser, cookie);
        assertEquals(200, later.get("/").status());
        assertEquals(before + 1, signIns(browser), "counted with the other sign-ins");
        assertTrue(server.logText().lines().anyMatch(l -> l.contains("\"event\":\"sign_in_remembered\"")
                        && l.contains("\"client\":\"" + later.clientAddress() + "\"") && l.contains("\"user_id\":")),
                "audited as a remembered sign-in");
    }

    static long signIns(Browser browser) {
        return browser.metrics().body().lines().filter(l -> l.startsWith("signin_sign_ins_total "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no signin_sign_ins_total"));
    }

    @Test
    void withoutTheTickThereIsNoCookie(Browser browser) {
        String username = Accounts.signUp(browser, "noremember");
        browser.clearCookies();
        Page page = Accounts.signIn(browser, username, PASSWORD, false);
        assertEquals(303, page.status());
        assertTrue(page.setCookie(COOKIE).isEmpty());
        browser.removeCookie(SignInIT.SESSION);
        assertEquals(303, browser.get("/").status(), "signed out once the session cookie is gone");
    }

    @Test
    void signOutRevokesIt(Browser browser) {
        String username = Accounts.signUp(browser, "revoked");
        browser.clearCookies();
        String cookie = rememberedSignIn(browser, username);

        Page signedOut = Accounts.signOut(browser);
        String cleared = signedOut.setCookie(COOKIE).orElseThrow(() -> new AssertionError("sign-out removes the cookie"));
        assertTrue(cleared.toLowerCase().contains("max-age=0"), cleared);

        // A copy kept elsewhere (another device, a thief) stops working too.
        Page later = laterWith(browser, cookie).get("/");
        assertEquals(303, later.status());
        assertTrue(later.setCookie(COOKIE).orElseThrow().toLowerCase().contains("max-age=0"), "and is removed");
    }

    @Test
    void aTamperedCookieIsIgnoredAndRemoved(Browser browser) {
        String username = Accounts.signUp(browser, "tamper");
        browser.clearCookies();
        String cookie = rememberedSignIn(browser, username);
        String[] parts = cookie.split("\\.");
        long otherUser = Long.parseLong(parts[1]) + 1;
        for (String forged : List.of(
                "1." + otherUser + "." + parts[2] + "." + parts[3] + "." + parts[4],
                cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("AA") ? "BB" : "AA"),
                "garbage", "")) {
            Page page = laterWith(browser, forged).get("/");
            assertEquals(303, page.status(), "forged: " + forged);
            assertTrue(page.setCookie(COOKIE).map(c -> c.toLowerCase().contains("max-age=0")).orElse(forged.isEmpty()),
                    "removed: " + page.setCookies());
        }
    }

    @Test
    void anExpiredCookieIsIgnored(Browser browser) {
        String username = Accounts.signUp(browser, "expired");
        browser.clearCookies();
        String cookie = rememberedSignIn(browser, username);
        RememberMeToken.Claims claims = claimsOf(cookie, PayaraMicro.SECRET);
        String expired = tokens(PayaraMicro.SECRET).sign(
                new RememberMeToken.Claims(claims.userId(), claims.tokenVersion(), Instant.now().minusSeconds(60)));
        assertEquals(303, laterWith(browser, expired).get("/").status());
    }

    @Test
    void cookiesSignedWithTheOldSecretStillWorkAfterRotation(Browser browser) {
        String username = Accounts.signUp(browser, "rotated");
        browser.clearCookies();
        RememberMeToken.Claims claims = claimsOf(rememberedSignIn(browser, username), PayaraMicro.SECRET);
        // The test server runs with SIGNIN_SECRET_FALLBACKS=OLD_SECRET: as after a key rotation.
        String signedWithOldKey = tokens(PayaraMicro.OLD_SECRET).sign(claims);
        assertEquals(200, laterWith(browser, signedWithOldKey).get("/").status());

        String signedWithUnknownKey = tokens("a-key-the-server-has-never-seen-0123456789").sign(claims);
        assertEquals(303, laterWith(browser, signedWithUnknownKey).get("/").status());
    }

    @Test
    void theCookieHoldsNoSecretsOrSessionId(Browser browser) {
        String username = Accounts.signUp(browser, "opaque");
        browser.clearCookies();
        String cookie = rememberedSignIn(browser, username);
        String session = browser.cookie(SignInIT.SESSION).orElseThrow();
        assertFalse(cookie.contains(username) || cookie.contains(PASSWORD) || cookie.contains(session));
    }

    private static RememberMeToken tokens(String secret) {
        return new RememberMeToken(SecretKeys.load(Mode.PRODUCTION, Optional.of(secret), List.of(), Path.of("unused")),
                Clock.systemUTC());
    }

    private static RememberMeToken.Claims claimsOf(String cookie, String secret) {
        return tokens(secret).verify(cookie).orElseThrow(() -> new AssertionError("not signed with the test secret"));
    }
}
