package dev.signin.sessions;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Concurrently;
import dev.signin.testing.Docker;
import dev.signin.testing.Load;
import dev.signin.testing.PayaraMicro;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's cluster in containers: two containers of the Docker image with SIGNIN_CLUSTER=true
 * and the README's member list as container arguments, on a Docker network of the test's own
 * (fixed addresses, so the member list is known before they start), sharing PostgreSQL (the
 * local image from src/test/docker) on that network. Only the two app ports are published, on
 * 127.0.0.1. Skipped with a message without a Docker engine, except under CI=true.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other tests (see Load)
@ResourceLock(Load.HEAVY_OR_TIMED)
class DockerClusterIT {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final String NETWORK = "signin-it-net-" + RUN;
    static final List<String> containers = new ArrayList<>();
    static String prefix;
    static boolean networkCreated;
    static String[] nodes = new String[2];

    @BeforeAll
    static void cluster() {
        Docker.assumeEngine();
        String image = Docker.appImage();
        createNetwork();
        String database = prefix + ".10";
        String postgres = "signin-it-pg-" + RUN;
        containers.add(postgres);
        Docker.ok("run", "-d", "--name", postgres, "--network", NETWORK, "--ip", database,
                "-e", "POSTGRES_USER=signin", "-e", "POSTGRES_PASSWORD=cluster-db-password", "-e", "POSTGRES_DB=signin",
                Docker.POSTGRES_IMAGE);
        awaitPostgres(postgres);

        String members = "tcpip:" + prefix + ".11:6900," + prefix + ".12:6900";
        for (int i = 0; i < 2; i++) {
            String address = prefix + "." + (11 + i);
            nodes[i] = "signin-it-node" + (i + 1) + "-" + RUN;
            containers.add(nodes[i]);
            // Both at once: Flyway's lock on PostgreSQL lets one node migrate while the other waits.
            Docker.ok("run", "-d", "--name", nodes[i], "--network", NETWORK, "--ip", address,
                    "-p", "127.0.0.1::8080", "--health-interval", "1s", "--health-start-period", "240s",
                    "-e", "SIGNIN_SECRET=" + PayaraMicro.SECRET,
                    "-e", "SIGNIN_CLUSTER=true",
                    "-e", "SIGNIN_DB_DATA_SOURCE_CLASS=org.postgresql.ds.PGSimpleDataSource",
                    "-e", "SIGNIN_DB_URL=jdbc:postgresql://" + database + ":5432/signin",
                    "-e", "SIGNIN_DB_USER=signin", "-e", "SIGNIN_DB_PASSWORD=cluster-db-password",
                    image,
                    "--clustername", "signin-it-" + RUN, "--clustermode", members, "--interfaces", address);
        }
        for (String node : nodes) {
            Duration took = Docker.awaitHealthy(node, Duration.ofMinutes(5));
            System.out.printf("Cluster node %s healthy after %.1f s more%n", node, took.toMillis() / 1000.0);
        }
    }

    /** A network with a subnet of our own choosing (retried if it overlaps one that exists). */
    static void createNetwork() {
        for (int attempt = 0; attempt < 8; attempt++) {
            String candidate = "10.213." + ThreadLocalRandom.current().nextInt(1, 255);
            Docker.Result created = Docker.run("network", "create", "--subnet", candidate + ".0/24", NETWORK);
            if (created.exit() == 0) {
                prefix = candidate;
                networkCreated = true;
                return;
            }
            if (!created.output().contains("overlap")) {
                throw new IllegalStateException("docker network create: " + created.output());
            }
        }
        throw new IllegalStateException("no free subnet 10.213.x.0/24 for the test network");
    }

    static void awaitPostgres(String container) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String log = Docker.logs(container);
            // Once from the server that creates the database, once from the real one.
            if (log.split("database system is ready to accept connections", -1).length > 2) {
                return;
            }
            Concurrently.sleep(250);
        }
        throw new IllegalStateException("PostgreSQL container not ready:\n" + Docker.logs(container));
    }

    @AfterAll
    static void remove() {
        containers.forEach(c -> Docker.removeQuietly("container", c));
        if (networkCreated) {
            Docker.removeQuietly("network", NETWORK);
        }
    }

    @Test
    void signedInOnNodeOneSignedInOnNodeTwoAndSignedOutOnTwoIsOutOnOne() throws Exception {
        // Payara logs its data grid's state at the end of each boot: the node up second sees both.
        String grids = Docker.logs(nodes[0]) + Docker.logs(nodes[1]);
        assertTrue(grids.contains("DG Name: signin-it-" + RUN + " DG Size: 2"), "one data grid of two nodes:\n"
                + grids.lines().filter(l -> l.contains("DG Size")).toList());

        Browser onOne = new Browser(Docker.published(nodes[0], 8080));
        String username = Accounts.signUp(onOne, "docker-cluster");
        Browser onTwo = onOne.at(Docker.published(nodes[1], 8080));
        long visibleAfterMs = ClusterIT.awaitSignedIn(onTwo);
        System.out.println("A session from container 1 was usable on container 2 after " + visibleAfterMs + " ms");
        assertTrue(onTwo.get("/").body().contains("Name of " + username), "the profile, served by node 2");

        String tokenFromOne = onOne.get("/").csrf();
        assertEquals(303, onOne.at(Docker.published(nodes[1], 8080)).post("/sign-out",
                java.util.Map.of("_csrf", tokenFromOne)).status(), "signed out on node 2");
        assertEquals(303, onOne.get("/").status(), "the session ended on node 2 is over on node 1 too");
    }
}
