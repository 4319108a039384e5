package dev.signin.testing;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server for integration tests: the one on 127.0.0.1:5432 (as on this project's
 * machines and CI; trust authentication, database test, user postgres), or else one from
 * Testcontainers when Docker runs, or else the test is skipped with a message saying so.
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
        String host = System.getProperty("it.postgres.host", "127.0.0.1");
        int port = Integer.getInteger("it.postgres.port", 5432);
        if (reachable(host, port)) {
            return new Postgres(host, port, System.getProperty("it.postgres.database", "test"),
                    System.getProperty("it.postgres.user", "postgres"), System.getProperty("it.postgres.password", "postgres"));
        }
        if (container == null && DockerClientFactory.instance().isDockerAvailable()) {
            container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
        }
        if (container != null) {
            return new Postgres(container.getHost(), container.getFirstMappedPort(), container.getDatabaseName(),
                    container.getUsername(), container.getPassword());
        }
        Assumptions.abort("Skipped: no PostgreSQL at " + host + ":" + port + " and no Docker for Testcontainers "
                + "(.ci/run starts the local one)");
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
