package dev.signin.config;

import dev.signin.testing.PayaraMicro;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

    private static void assertEveryBootLogsOnce(PayaraMicro server, String line) {
        List<String> boots = server.bootLogs();
        assertFalse(boots.isEmpty(), "the log shows the shared server's boot");
        for (String boot : boots) {
            List<String> found = boot.lines().filter(l -> l.contains(line)).toList();
            assertEquals(1, found.size(), "once per boot: " + line + "\n" + String.join("\n", found));
        }
    }
}
