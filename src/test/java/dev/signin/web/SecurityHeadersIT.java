package dev.signin.web;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
class SecurityHeadersIT {

    static void assertSecurityHeaders(String what, HttpHeaders headers) {
        assertAll(what,
                () -> assertEquals(List.of(SecurityHeaders.CONTENT_SECURITY_POLICY), headers.allValues("Content-Security-Policy")),
                () -> assertEquals(List.of("nosniff"), headers.allValues("X-Content-Type-Options")),
                () -> assertEquals(List.of("no-referrer"), headers.allValues("Referrer-Policy")),
                () -> assertEquals(List.of(SecurityHeaders.PERMISSIONS_POLICY), headers.allValues("Permissions-Policy")),
                () -> assertEquals(List.of("DENY"), headers.allValues("X-Frame-Options")),
                () -> assertTrue(headers.allValues("Strict-Transport-Security").isEmpty(), "no HSTS on plain HTTP"),
                () -> assertTrue(headers.firstValue("Server").isEmpty() && headers.firstValue("X-Powered-By").isEmpty()),
                () -> assertTrue(headers.firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS: same-origin only"));
    }

    @Test
    void everyKindOfAnswerCarriesThem(Browser browser) {
        assertSecurityHeaders("sign-in page", browser.get("/sign-in").headers());
        assertSecurityHeaders("cross-origin request", browser.send(HttpRequest.newBuilder(browser.uri("/sign-in"))
                .header("Origin", "https://evil.example")).headers());
        assertSecurityHeaders("redirect", browser.get("/").headers());
        assertSecurityHeaders("stylesheet", browser.get("/assets/app.css").headers());
        assertSecurityHeaders("404", browser.get("/nope").headers());
        assertSecurityHeaders("403", browser.post("/sign-in", Map.of()).headers());
        assertSecurityHeaders("405", browser.send(HttpRequest.newBuilder(browser.uri("/sign-out")).GET()).headers());
        Accounts.signUp(browser, "headers");
        assertSecurityHeaders("profile", browser.get("/").headers());
    }

    @Test
    void theCspHoldsNoInlineCodeBecausePagesHaveNone(Browser browser) {
        assertFalse(SecurityHeaders.CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
        Accounts.signUp(browser, "inline");
        for (String path : List.of("/", "/account", "/account/sessions", "/account/passkeys", "/account/two-step", "/sign-in",
                "/sign-up", "/nope")) {
            // The one script: a file of our own, on the pages with passkey forms.
            String html = browser.get(path).body().toLowerCase().replace("<script src=\"/assets/passkeys.js\" defer></script>", "");
            assertFalse(html.contains("<script") || html.contains("<style") || html.contains(" style=")
                    || html.contains(" onclick=") || html.contains("javascript:"), path + " has inline code");
        }
    }

    @Test
    void signedInPagesAreNeverStored(Browser browser) {
        assertTrue(browser.get("/sign-in").headers().firstValue("Cache-Control").filter("no-store"::equals).isEmpty());
        Accounts.signUp(browser, "nostore");
        for (String path : List.of("/", "/account", "/account/sessions", "/nope")) {
            assertEquals("no-store", browser.get(path).headers().firstValue("Cache-Control").orElse(""), path);
        }
    }

    @Test
    void signOutClearsWhatTheSiteLeftInTheBrowser(Browser browser) {
        Accounts.signUp(browser, "clear");
        Page signedOut = Accounts.signOut(browser);
        assertEquals("\"cache\", \"storage\"", signedOut.headers().firstValue("Clear-Site-Data").orElse(""));
    }

    @Test
    void errorsMadeByTheServerItselfCarryThemToo(PayaraMicro server) {
        RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.get("/%zz"));
        assertTrue(answer.status() < 500, answer.head());
    }
}
