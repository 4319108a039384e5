package dev.signin.sessions;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The single-node configuration that the README runs (the shared test server) has no data grid:
 * no port of it open to anyone, no grid to join or be joined by, sessions in memory.
 */
@TestServer.Shared
class DataGridIT {

    static final int GRID_PORT = 6900;

    /**
     * The ports the server listens on besides the H2 database's: the test servers open H2 with
     * AUTO_SERVER, so that the tests can look into it, and H2 then listens on a port of its own
     * (named in its lock file). A deployment does not do that.
     */
    static Set<Integer> ports(PayaraMicro server) {
        Set<Integer> ports = new java.util.TreeSet<>(server.listeningPorts());
        java.nio.file.Path lock = server.dataDir().resolve("signin.lock.db");
        try (var in = java.nio.file.Files.newInputStream(lock)) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            String h2 = properties.getProperty("server", "");
            ports.remove(Integer.parseInt(h2.substring(h2.lastIndexOf(':') + 1)));
        } catch (java.io.IOException | RuntimeException noH2Server) {
            // no lock file, or no server in it: nothing to leave out
        }
        return ports;
    }

    @Test
    void aSingleNodeListensOnlyForHttpAndKeepsSessionsInMemory(PayaraMicro server, Browser browser) {
        assertEquals(Set.of(server.port()), ports(server), "no data grid port, on any address");
        assertFalse(server.logText().contains("Data Grid State"), "no data grid started");
        Accounts.signUp(browser, "memory");
        assertTrue(browser.cookie("JSESSIONIDVERSION").isEmpty(), "no session version cookie: nothing is replicated");
        // A session version cookie the server cannot parse is then nothing to it.
        int logBefore = server.logText().length();
        for (String version : List.of("zz:1", "abc:1", "2f:abc", "::::", "%00")) {
            RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.get("/",
                    "signin_session=" + browser.cookie("signin_session").orElseThrow() + "; JSESSIONIDVERSION=" + version));
            assertEquals(200, answer.status(), version + ":\n" + answer.head());
            assertTrue(answer.head().contains("Content-Security-Policy: "), version);
        }
        assertFalse(server.logText().substring(logBefore).contains("AS-WEB-CORE-00037"), "nothing logged for them");
    }

    @Test
    void aPayaraMicroOnTheDefaultGridBesideItStaysAlone(PayaraMicro server) {
        // A stranger on Payara's default grid "development", looking for members on this host's loopback.
        try (PayaraMicro stranger = PayaraMicro.production("stranger").withOptions(
                List.of("-Dpayaramicro.noHazelcast=false", "-Dhazelcast.socket.bind.any=false"),
                List.of("--clustermode", "tcpip:127.0.0.1:" + GRID_PORT, "--interfaces", "127.0.0.1",
                        "--startport", Integer.toString(GRID_PORT)))) {
            stranger.start();
            assertTrue(stranger.logText().contains("DG Name: development DG Size: 1"), "the stranger's grid is its own");
            assertTrue(stranger.listeningPorts().stream().anyMatch(port -> port >= GRID_PORT && port < GRID_PORT + 100),
                    "the stranger does listen for its grid: " + stranger.listeningPorts());
            assertEquals(Set.of(server.port()), ports(server), "and ours still has nothing for it to join");
            assertFalse(stranger.logText().contains("DG Size: 2"), "nobody joined it");
        }
    }
}
