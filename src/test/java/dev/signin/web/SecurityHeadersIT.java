package dev.signin.web;

import dev.signin.account.TwoStepIT;
import dev.signin.auth.PasskeyIT;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Endpoints;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import dev.signin.testing.TestServer;
import dev.signin.web.headers.SecurityHeaders;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

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
        Accounts.signUp(browser, "nostore");
        for (String path : List.of("/", "/account", "/account/sessions", "/nope")) {
            assertEquals("no-store", browser.get(path).headers().firstValue("Cache-Control").orElse(""), path);
        }
    }

    /**
     * Every answer of the app, page, JSON or error, signed in, waiting for a code or not, carries
     * Cache-Control: no-store: each either shows account data or holds a token bound to this
     * browser (a form's CSRF token). Static files keep their caching.
     */
    @Test
    void everyAnswerOfTheAppIsNeverStoredButStaticFilesAre(PayaraMicro server, Browser browser) {
        List<String> problems = new ArrayList<>();
        BiConsumer<String, Page> check = (what, page) -> {
            if (!page.headers().allValues("Cache-Control").contains("no-store")) {
                problems.add(what + " (" + page.status() + "): Cache-Control " + page.headers().allValues("Cache-Control"));
            }
        };
        Browser visitor = new Browser(browser.uri(""));
        for (String path : Endpoints.gets()) {
            check.accept("GET " + path + " signed out", visitor.get(path));
        }
        check.accept("404 signed out", visitor.get("/no/such/page"));
        check.accept("403 signed out", visitor.post("/sign-in", Map.of("username", "x")));
        check.accept("a failed sign-in", visitor.submit("/sign-in", "/sign-in", Map.of("username", "nobody-at-all", "password", "x")));
        check.accept("sign-up errors", visitor.submit("/sign-up", "/sign-up", Map.of("username", "x")));
        check.accept("the passkey sign-in options", PasskeyIT.signInOptions(visitor));

        TwoStepIT.Enabled account = TwoStepIT.enable(browser, "nostore-all");
        for (String path : Endpoints.gets()) {
            check.accept("GET " + path + " signed in", browser.get(path));
        }
        check.accept("404 signed in", browser.get("/no/such/page"));
        check.accept("403 signed in", browser.post("/account/profile", Map.of("name", "x")));
        check.accept("405 signed in", browser.send(HttpRequest.newBuilder(browser.uri("/account")).DELETE()));
        String csrf = browser.get("/account/passkeys").csrf();
        check.accept("the passkey options", PasskeyIT.registrationOptions(browser, csrf, Accounts.PASSWORD));
        check.accept("the passkey options refused", PasskeyIT.registrationOptions(browser, csrf, "not the password"));

        Browser waiting = new Browser(browser.uri(""));
        Page password = Accounts.signIn(waiting, account.username(), Accounts.PASSWORD, false);
        assertEquals("/sign-in/code", password.location().orElseThrow(), password::toString);
        Page code = waiting.get("/sign-in/code");
        assertEquals(200, code.status(), code::toString);
        for (String path : Endpoints.gets()) {
            check.accept("GET " + path + " waiting for the code", waiting.get(path));
        }
        check.accept("a wrong code", waiting.post("/sign-in/code", Map.of("code", "000000", "_csrf", code.csrf())));
        assertEquals(List.of(), problems, problems.size() + " answers may be stored");

        for (String file : List.of("/assets/app.css", "/assets/passkeys.js")) {
            for (Browser who : List.of(visitor, browser)) {
                Page page = who.get(file);
                assertEquals(200, page.status(), file);
                assertFalse(page.headers().allValues("Cache-Control").contains("no-store"), file + " may be cached");
                assertTrue(page.headers().firstValue("Last-Modified").isPresent() || page.headers().firstValue("ETag").isPresent(),
                        file + " can be revalidated: " + page.headers().map());
            }
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
