package dev.signin.web;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * target/signin-micro.jar, the single artifact, started as a user would: {@code java -jar} with
 * nothing but the settings of docs/configuration.md in the environment. No server-config/, no
 * {@code -Xbootclasspath/a:}, no {@code --deploy}: whatever works here came from inside the jar.
 * One boot, and one that stops at a broken boot command put into a copy of the jar.
 */
class UberJarIT {

    /** All a user gives it (the harness adds SIGNIN_DATA_DIR, to keep the data under target/it). */
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "SIGNIN_SECRET", PayaraMicro.SECRET,
            "SIGNIN_METRICS_TOKEN", PayaraMicro.METRICS_TOKEN);

    @Test
    void javaDashJarAloneServesTheAppWithEverySetting() {
        try (PayaraMicro server = new PayaraMicro("uber-jar", ENVIRONMENT).uberJar()) {
            server.start();
            Browser browser = new Browser(server.uri(""));

            // The WAR at the root path, from the jar (its MICRO-INF/deploy/contexts.properties): no --contextroot given.
            Page signInPage = browser.get("/sign-in");
            assertEquals(200, signInPage.status(), signInPage::toString);
            SecurityHeadersIT.assertSecurityHeaders("sign-in page", signInPage.headers());

            // The flow, with the WAR's 128-bit session ids and no session version cookie (one node, no replication).
            String username = Accounts.signUp(browser, "uber");
            String signedUp = browser.cookie("signin_session").orElseThrow();
            Page profile = browser.get("/");
            assertEquals(200, profile.status(), profile::toString);
            assertTrue(profile.body().contains(username), profile::body);
            SecurityHeadersIT.assertSecurityHeaders("profile", profile.headers());
            assertEquals(303, Accounts.signOut(browser).status());
            Page signedIn = Accounts.signIn(browser, username, PASSWORD, false);
            assertEquals(303, signedIn.status(), signedIn::toString);
            String again = browser.cookie("signin_session").orElseThrow();
            for (String id : new String[]{signedUp, again}) {
                assertTrue(id.matches("[0-9a-f]{32}"), "32 hex digits (128 bits), made by the WAR: " + id);
            }
            assertNotEquals(signedUp, again, "a new id at sign-in");
            assertFalse(browser.cookie("JSESSIONIDVERSION").isPresent(), "no replication on one node");

            // CSRF: a POST without the form's token is refused.
            CsrfIT.assertFriendly403(new Browser(server.uri("")).post("/sign-in",
                    Map.of("username", username, "password", PASSWORD)));

            // pre-boot-commands.asadmin applied: no Server header (checked above), TRACE reaches the app.
            RawHttp.Answer trace = RawHttp.send(server.port(), RawHttp.request("TRACE", "/sign-in", null, null, new byte[0],
                    "X-Echo-Me: secret-header-value\r\n"));
            assertEquals(405, trace.status(), trace::head);
            assertTrue(trace.head().contains("Content-Security-Policy"), "the app's answer:\n" + trace.head());
            assertFalse(trace.body().contains("secret-header-value"), "nothing echoed");
            // post-boot-commands.asadmin applied: the default database follows signin.data-dir.
            assertTrue(Files.exists(server.dataDir().resolve("signin.mv.db")),
                    "the H2 database in SIGNIN_DATA_DIR, not in ./data of the working directory");

            // The Krazo fix is on the boot class path (the jar's Launcher-Agent-Class put it there):
            // the patched class counts its searches, and pages do not add to them.
            for (int i = 0; i < 3; i++) {
                browser.get("/");
                browser.get("/account");
            }
            long before = krazoScans(browser);
            assertTrue(before > 0, "Krazo's calls went through the patched class: " + before);
            for (int i = 0; i < 20; i++) {
                assertEquals(200, browser.get("/").status());
                assertEquals(200, browser.get("/account").status());
                assertEquals(200, new Browser(server.uri("")).get("/sign-in").status());
            }
            assertEquals(before, krazoScans(browser), "Krazo searched the class path again while serving pages");

            // Everything came from the jar: the command line was java -jar and the port.
            String command = server.bootLogs().get(0).lines().findFirst().orElseThrow();
            assertFalse(command.contains("-Xbootclasspath") || command.contains("--deploy")
                    || command.contains("bootcommandfile") || command.contains("@"), command);
            System.out.printf("UberJarIT: booted in %.1f s, signin_krazo_service_scans %d%n",
                    server.lastBoot().toMillis() / 1000.0, before);
        }
    }

    /**
     * The boot commands inside the jar are read like server-config's: Payara only logs a failed one
     * and boots on, so the test harness reads the log and fails the start (stopped at the command).
     */
    @Test
    void aFailedBootCommandInsideTheJarFailsTheStart() throws IOException {
        try (PayaraMicro server = new PayaraMicro("uber-jar-broken-command", ENVIRONMENT)) {
            Path jar = server.dataDir().resolveSibling("signin-micro-broken.jar");
            Files.createDirectories(jar.getParent());
            Files.copy(Path.of(PayaraMicro.required("signin.micro.jar")), jar, StandardCopyOption.REPLACE_EXISTING);
            try (FileSystem zip = FileSystems.newFileSystem(jar)) {
                Path commands = zip.getPath("MICRO-INF/pre-boot-commands.txt");
                Files.writeString(commands, Files.readString(commands)
                        + "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.no-such-setting=false\n");
            }
            try {
                IllegalStateException failure = assertThrows(IllegalStateException.class, server.uberJar(jar)::start);
                assertTrue(failure.getMessage().contains("failed boot command"), failure.getMessage());
                assertTrue(failure.getMessage().lines().limit(5).anyMatch(l -> l.contains("http-listener.http")), failure.getMessage());
            } finally {
                Files.deleteIfExists(jar); // 117 MB
            }
        }
    }

    private static long krazoScans(Browser browser) {
        Page metrics = browser.metrics();
        Matcher m = Pattern.compile("(?m)^signin_krazo_service_scans(?:\\{[^}]*})? (\\d+)").matcher(metrics.body());
        assertTrue(m.find(), "no signin_krazo_service_scans in /metrics: Krazo's own ServiceLoaders runs\n" + metrics.body());
        return Long.parseLong(m.group(1));
    }
}
