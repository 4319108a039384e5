package dev.signin.health;

import dev.signin.database.SchemaVersion;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Ready when the database answers and its schema is at the version this build ships (all
 * migrations applied, none failed). Served at /health/ready; the Dockerfile's HEALTHCHECK and
 * load balancers use it.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = "java:app/jdbc/signin")
    DataSource dataSource;

    @Inject
    SchemaVersion schema;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        String expected = schema.expected().orElse(null);
        if (expected == null) {
            return response.down().withData("reason", "migrations not run yet").build();
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet failed = statement.executeQuery(
                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = FALSE")) {
                failed.next();
                if (failed.getInt(1) > 0) {
                    return response.down().withData("reason", "a migration failed").build();
                }
            }
            try (ResultSet applied = statement.executeQuery(
                    "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL "
                            + "ORDER BY \"installed_rank\" DESC")) {
                String current = applied.next() ? applied.getString(1) : null;
                return (expected.equals(current) ? response.up() : response.down())
                        .withData("schema", String.valueOf(current))
                        .withData("expected", expected)
                        .build();
            }
        } catch (SQLException e) {
            return response.down().withData("reason", "database unreachable").build();
        }
    }
}
