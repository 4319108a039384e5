package dev.signin.config;

import dev.signin.testing.PayaraMicro;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How Payara Micro boots with server-config/, read from the shared server's log. */
@TestServer.Shared
class BootIT {

    /**
     * A change to the HTTP listener's settings after boot makes Payara restart the listener. A
     * client connected during that restart (here the test harness's readiness probe; in production
     * a load balancer's or Docker's health check) could leave the server logging "ready" with no
     * HTTP port open: CI saw it once, and a loop of boots with a probe reproduced it once in 27.
     * With the listener's settings applied before boot (pre-boot-commands.asadmin) there is no
     * restart, so there is nothing to race with.
     */
    @Test
    void everyBootOpensTheHttpListenerOnceAndNeverRestartsIt(PayaraMicro server) {
        assertEveryBootLogsOnce(server, "Network Listener http-listener started in:");
    }

    /** The app's own start-up line: twice in a boot would mean a stale copy started first. */
    @Test
    void everyBootStartsTheAppOnce(PayaraMicro server) {
        assertEveryBootLogsOnce(server, "signin starting in production mode");
    }

    /**
     * Every command of server-config's boot command files worked on this runtime: Payara Micro 7
     * has no xpowered-by setting, and Payara logs a failed command and boots on without it.
     */
    @Test
    void everyBootCommandSucceeded(PayaraMicro server) {
        for (String boot : server.bootLogs()) {
            assertEquals(List.of(), PayaraMicro.failedBootCommands(boot), "failed boot commands on " + server.runtime().name());
            assertTrue(boot.contains("Boot Command set returned with result SUCCESS"), "the log shows the boot commands");
        }
    }

    /**
     * A boot command that fails makes the boot fail, here and in every test: Payara alone only
     * logs it and serves without the setting (without the harness's check this server started).
     */
    @Test
    void aFailedBootCommandFailsTheBoot() throws IOException {
        try (PayaraMicro server = PayaraMicro.production("broken-boot-command")) {
            Path commands = server.dataDir().resolveSibling("pre-boot-commands.asadmin");
            Files.createDirectories(commands.getParent());
            Files.writeString(commands, Files.readString(Path.of(PayaraMicro.required("server.config.dir"), "pre-boot-commands.asadmin"))
                    + "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.no-such-setting=false\n");
            server.withPreBootCommands(commands);
            IllegalStateException failure = assertThrows(IllegalStateException.class, server::start);
            assertTrue(failure.getMessage().contains("failed boot command"), failure.getMessage());
            assertTrue(failure.getMessage().lines().limit(5).anyMatch(l -> l.contains("http-listener.http")), failure.getMessage());
        }
    }

    private static void assertEveryBootLogsOnce(PayaraMicro server, String line) {
        List<String> boots = server.bootLogs();
        assertFalse(boots.isEmpty(), "the log shows the shared server's boot");
        for (String boot : boots) {
            List<String> found = boot.lines().filter(l -> l.contains(line)).toList();
            assertEquals(1, found.size(), "once per boot: " + line + "\n" + String.join("\n", found));
        }
    }
}
