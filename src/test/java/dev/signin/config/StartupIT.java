package dev.signin.config;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Start-up behaviour that needs a server of its own (each boots and stops one). The dev-mode test
 * runs beside the others (failsafe runs the ITs in JUnit's parallel mode): while it waits out its
 * one-minute idle timeout, the other servers boot and are checked, one after another, so that no
 * more than two boot at once.
 */
class StartupIT {

    @Test
    void productionWithoutASecretRefusesToDeployWithAClearMessage() {
        try (PayaraMicro server = new PayaraMicro("no-secret", Map.of("SIGNIN_MODE", "production"))) {
            IllegalStateException failure = assertThrows(IllegalStateException.class, server::start);
            assertTrue(failure.getMessage().contains("did not deploy"), failure.getMessage());
            assertTrue(server.logText().contains("No secret configured: set SIGNIN_SECRET"), "the reason is in the log");
            assertTrue(Files.notExists(server.dataDir().resolve("secret-key")), "nothing generated in production");
        }
    }

    @Test
    void productionWithMailButNoBaseUrlRefusesToDeployWithAClearMessage() {
        try (PayaraMicro server = new PayaraMicro("mail-no-base-url", Map.of("SIGNIN_MODE", "production",
                "SIGNIN_SECRET", PayaraMicro.SECRET, "SIGNIN_MAIL_HOST", "smtp.mail.test"))) {
            IllegalStateException failure = assertThrows(IllegalStateException.class, server::start);
            assertTrue(failure.getMessage().contains("did not deploy"), failure.getMessage());
            assertTrue(server.logText().contains("signin.base-url (SIGNIN_BASE_URL) is required when mail is configured"),
                    "the reason is in the log");
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT) // beside the others, which run in turn
    void devModeGeneratesASecretOffersDemoUsersAndHttpsMakesCookiesSecure() throws Exception {
        try (PayaraMicro server = new PayaraMicro("dev", Map.of(
                "SIGNIN_MODE", "dev", "SIGNIN_DEMO_USERS", "true", "SIGNIN_HTTPS", "true",
                "SIGNIN_SESSION_TIMEOUT_MINUTES", "1"))) {
            server.start();
            assertTrue(Files.isRegularFile(server.dataDir().resolve("secret-key")), "generated and kept in the data dir");
            assertTrue(server.logText().contains("No SIGNIN_SECRET configured: generated a dev secret"), "with a warning");
            // Dev mode needs no SMTP server: mail goes to .eml files in the data directory, and recovery is offered.
            assertTrue(server.logText().contains("Mail goes to .eml files in " + server.dataDir().resolve("mail")), "the log says where mail goes");
            assertEquals(200, new Browser(server.uri("")).get("/password/forgot").status());

            // The cookies are Secure, so a client keeps them for HTTPS only: send them by hand, as a
            // TLS-terminating proxy in front of the app would pass them through.
            Browser browser = new Browser(server.uri(""));
            Page form = browser.get("/sign-in");
            String csrfCookie = form.setCookie("__Host-signin_csrf").orElseThrow(() -> new AssertionError(
                    "over HTTPS the CSRF cookie of a visitor is __Host- prefixed: " + form.setCookies()));
            assertSecureHostCookie(csrfCookie);
            assertEquals("max-age=31536000; includeSubDomains",
                    form.headers().firstValue("Strict-Transport-Security").orElse(""), "HSTS over HTTPS");
            String cookies = String.join("; ", form.setCookies().stream().map(c -> c.substring(0, c.indexOf(';'))).toList());
            RawHttp.Answer signedIn = RawHttp.send(server.port(), RawHttp.formPost("/sign-in", cookies,
                    Browser.form(Map.of("username", "julian", "password", "demo-password", "remember", "on",
                            "_csrf", form.csrf())).getBytes(StandardCharsets.US_ASCII)));
            assertEquals(303, signedIn.status(), () -> "the demo user exists in dev mode when asked for\n" + signedIn.head());
            assertTrue(signedIn.head().toLowerCase().matches("(?s).*set-cookie: __host-signin_remember=[^\\n]*; secure.*"),
                    signedIn::head);
            for (String name : new String[]{"__Host-signin_session", "__Host-signin_device"}) {
                String cookie = signedIn.head().lines().filter(l -> l.startsWith("Set-Cookie: " + name + "=")).findFirst()
                        .orElseThrow(() -> new AssertionError("over HTTPS " + name + " is set at sign-in:\n" + signedIn.head()));
                if (name.endsWith("session")) {
                    assertSecureHostCookie(cookie);
                } else {
                    assertTrue(cookie.toLowerCase().contains("; secure") && cookie.contains("Path=/"), cookie);
                }
            }

            // The idle timeout (set to one minute here): a session left alone longer is over.
            String signedInCookies = cookiesOf(signedIn.head());
            assertEquals(200, RawHttp.send(server.port(), RawHttp.get("/", signedInCookies)).status(), "signed in");
            Thread.sleep(65_000);
            RawHttp.Answer later = RawHttp.send(server.port(), RawHttp.get("/", signedInCookies));
            assertEquals(303, later.status(), "after a minute idle the session has expired");
        }
    }

    /** signin.https=true: Secure, Path=/, no Domain, no Max-Age, even though this hop is plain HTTP. */
    static void assertSecureHostCookie(String cookie) {
        String lower = cookie.toLowerCase();
        assertTrue(lower.contains("; secure") && lower.contains("; path=/") && !lower.contains("domain=")
                && !lower.contains("max-age"), cookie);
    }

    /** The session cookies an answer set, as a Cookie header (the remember-me cookie left out). */
    static String cookiesOf(String head) {
        return head.lines().filter(l -> l.toLowerCase().startsWith("set-cookie: ") && !l.toLowerCase().contains("remember"))
                .map(l -> l.substring("set-cookie: ".length(), l.indexOf(';')))
                .reduce((a, b) -> a + "; " + b).orElse("");
    }

    @Test
    void demoUsersAreNeverCreatedInProduction() {
        try (PayaraMicro server = new PayaraMicro("prod-demo", Map.of(
                "SIGNIN_MODE", "production", "SIGNIN_SECRET", PayaraMicro.SECRET, "SIGNIN_DEMO_USERS", "true"))) {
            server.start();
            Page page = Accounts.signIn(new Browser(server.uri("")), "julian", "demo-password", false);
            assertEquals(200, page.status());
            assertTrue(page.body().contains("Invalid username or password"));
        }
    }
}
