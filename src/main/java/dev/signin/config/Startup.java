package dev.signin.config;

import dev.signin.account.DemoUsers;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Runs once when the app is deployed: checks the settings (a production deployment without a
 * secret stops here), brings the schema up to date and, in dev mode when asked, adds demo users.
 * Any failure fails the deployment with its message in the server log.
 */
@ApplicationScoped
@DataSourceDefinition(
        name = "java:app/jdbc/signin",
        className = "${MPCONFIG=signin.db.data-source-class}",
        url = "${MPCONFIG=signin.db.url}",
        user = "${MPCONFIG=signin.db.user}",
        password = "${MPCONFIG=signin.db.password}",
        minPoolSize = 1,
        maxPoolSize = 32)
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Inject
    Settings settings;

    @Inject
    DemoUsers demoUsers;

    @Resource(lookup = "java:app/jdbc/signin")
    DataSource dataSource;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LOG.info("signin starting in " + settings.mode().name().toLowerCase() + " mode, data directory "
                + settings.dataDir().toAbsolutePath().normalize());
        var result = Flyway.configure(Startup.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info("Database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
        if (settings.demoUsers()) {
            demoUsers.create();
        }
    }
}
