package dev.signin.health;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
class HealthIT {

    /** The version of the newest migration in the source tree. */
    static String newestMigration() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return String.valueOf(files.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow());
        }
    }

    @Test
    void readinessChecksTheDatabaseAndItsSchema(Browser browser) throws IOException {
        Page ready = browser.get("/health/ready");
        assertEquals(200, ready.status(), ready::body);
        assertTrue(ready.body().contains("\"name\":\"database\"") && ready.body().contains("\"status\":\"UP\""), ready.body());
        String newest = newestMigration();
        assertTrue(ready.body().contains("\"schema\":\"" + newest + "\",\"expected\":\"" + newest + "\""),
                "schema at the newest migration, " + newest + ": " + ready.body());
    }

    @Test
    void livenessIsUp(Browser browser) {
        Page live = browser.get("/health/live");
        assertEquals(200, live.status(), live::body);
        assertTrue(live.body().contains("\"status\":\"UP\""));
    }

    @Test
    void metricsCountSignInsFailuresAndSessions(Browser browser) {
        String username = Accounts.signUp(browser, "metrics");
        Accounts.signIn(new Browser(browser.uri("")), username, Accounts.PASSWORD, false);
        Accounts.signIn(new Browser(browser.uri("")), username, "wrong", false);
        Page metrics = browser.metrics();
        assertEquals(200, metrics.status(), metrics::body);
        String text = metrics.body();
        for (String name : new String[]{"signin_sign_ins_total", "signin_sign_ins_failed_total", "signin_sign_ins_throttled_total",
                "signin_password_hashing_seconds", "signin_sessions_active"}) {
            assertTrue(text.contains(name), name + " in\n" + text);
        }
    }
}
