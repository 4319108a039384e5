package dev.signin.users;

import dev.signin.config.Settings;
import dev.signin.database.DatabaseReady;
import dev.signin.password.Argon2PasswordHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.logging.Logger;

/** Demo accounts for trying the app: dev mode only, and only when asked (signin.demo-users). */
@ApplicationScoped
public class DemoUsers {

    public static final String PASSWORD = "demo-password";
    private static final Map<String, String> USERS = Map.of("julian", "Julian", "ada", "Ada Lovelace");
    private static final Logger LOG = Logger.getLogger(DemoUsers.class.getName());

    @Inject
    Settings settings;

    @Inject
    UserRepository users;

    @Inject
    Argon2PasswordHash passwordHash;

    void create(@Observes DatabaseReady ready) {
        if (!settings.demoUsers()) {
            return;
        }
        USERS.forEach((username, name) -> {
            if (users.findByUsername(username).isEmpty()) {
                users.create(username, name, passwordHash.generate(PASSWORD.toCharArray()));
            }
        });
        LOG.warning("Demo users " + USERS.keySet() + " with password '" + PASSWORD + "' are enabled (dev mode).");
    }
}
