package dev.signin.database;

import dev.signin.config.Settings;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Runs once when the app is deployed: checks the settings (a production deployment without a
 * secret stops here), brings the schema up to date, then announces {@link DatabaseReady} (the demo
 * users wait for it). Any failure fails the deployment with its message in the server log.
 */
@ApplicationScoped
@DataSourceDefinition(
        name = "java:app/jdbc/signin",
        // Payara resolves these before the WAR's own MicroProfile Config is loaded, so the defaults
        // are here, after the ':' (Payara's syntax), and a bare server needs none of them set. The
        // URL's default cannot follow signin.data-dir (a default cannot hold another ${...}): it is
        // the default data directory, ./data under the server's working directory, and
        // server-config/*.asadmin set signin.db.url at the domain level so that it follows
        // signin.data-dir.
        className = "${MPCONFIG=signin.db.data-source-class:org.h2.jdbcx.JdbcDataSource}",
        url = "${MPCONFIG=signin.db.url:jdbc:h2:file:./data/signin}",
        user = "${MPCONFIG=signin.db.user:signin}",
        password = "${MPCONFIG=signin.db.password:signin}",
        minPoolSize = 1,
        maxPoolSize = 32,
        properties = {
                // A connection is checked (JDBC isValid) before it is handed out, and when one has
                // failed the pool drops them all: after a database outage the app recovers by itself.
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                "fish.payara.fail-all-connections=true"
        })
public class DatabaseSetup {

    private static final Logger LOG = Logger.getLogger(DatabaseSetup.class.getName());

    @Inject
    Settings settings;

    @Inject
    Event<DatabaseReady> ready;

    @Inject
    SchemaVersion schema;

    @Resource(lookup = "java:app/jdbc/signin")
    DataSource dataSource;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LOG.info("signin starting in " + settings.mode().name().toLowerCase() + " mode, data directory "
                + settings.dataDir().toAbsolutePath().normalize());
        Migrated schemaNow = migrate(dataSource);
        LOG.info("Database schema at version " + schemaNow.version() + " (" + schemaNow.applied() + " migrations applied now)");
        schema.expect(schemaNow.version());
        ready.fire(new DatabaseReady());
    }

    /** The schema's version after a migration, and how many migrations that run applied. */
    record Migrated(String version, int applied) {
    }

    /**
     * Brings the schema up to date. The version is read from the schema history afterwards, not
     * from the migrate result: that names a version only when it applied something, so at every
     * start after the first it said "version null".
     */
    static Migrated migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(DatabaseSetup.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        var result = flyway.migrate();
        var current = flyway.info().current();
        return new Migrated(current == null ? null : current.getVersion().getVersion(), result.migrationsExecuted);
    }
}
