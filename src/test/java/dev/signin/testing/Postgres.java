package dev.signin.testing;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server for integration tests: a container from Testcontainers when a Docker engine
 * runs (the local image signin-test/postgres:15, built from Debian's postgresql package by
 * src/test/docker/build-images.sh, declared a compatible substitute for the official "postgres";
 * its port published on 127.0.0.1 only), or else the one on 127.0.0.1:5432 (as on this
 * project's machines; trust authentication, database test, user postgres), or else the test is
 * skipped with a message saying so.
 */
public final class Postgres {

    public final String host;
    public final int port;
    public final String database;
    public final String user;
    public final String password;

    private Postgres(String host, int port, String database, String user, String password) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    private static PostgreSQLContainer<?> container;

    public static synchronized Postgres find() {
        if (container == null && Docker.engineRuns() && DockerClientFactory.instance().isDockerAvailable()) {
            Docker.buildTestImages();
            long started = System.nanoTime();
            PostgreSQLContainer<?> starting = new PostgreSQLContainer<>(
                    DockerImageName.parse(Docker.POSTGRES_IMAGE).asCompatibleSubstituteFor("postgres"));
            // Published on loopback only: nothing outside this machine reaches it.
            starting.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(new PortBinding(
                    Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(PostgreSQLContainer.POSTGRESQL_PORT))));
            starting.start();
            container = starting;
            System.out.printf("PostgreSQL container %s ready in %.1f s%n", Docker.POSTGRES_IMAGE, (System.nanoTime() - started) / 1e9);
        }
        if (container != null) {
            return new Postgres("127.0.0.1", container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                    container.getDatabaseName(), container.getUsername(), container.getPassword());
        }
        String host = System.getProperty("it.postgres.host", "127.0.0.1");
        int port = Integer.getInteger("it.postgres.port", 5432);
        if (reachable(host, port)) {
            return new Postgres(host, port, System.getProperty("it.postgres.database", "test"),
                    System.getProperty("it.postgres.user", "postgres"), System.getProperty("it.postgres.password", "postgres"));
        }
        String message = "no Docker engine for a PostgreSQL container and no PostgreSQL at "
                + host + ":" + port + " (.ci/run starts both)";
        // As for Chromium: skipped on a developer's machine, but not in CI.
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + ": missing under CI=true");
        }
        Assumptions.abort("Skipped: " + message);
        return null;
    }

    public String jdbcUrl(int viaPort, String schema) {
        return "jdbc:postgresql://" + host + ":" + viaPort + "/" + database + "?currentSchema=" + schema;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
