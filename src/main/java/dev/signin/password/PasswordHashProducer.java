package dev.signin.password;

import dev.signin.config.Settings;
import dev.signin.metrics.SigninMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The app's one password hasher, with the cost from the settings. */
@ApplicationScoped
public class PasswordHashProducer {

    @Produces
    @ApplicationScoped
    Argon2PasswordHash passwordHash(Settings settings, SigninMetrics metrics) {
        return new Argon2PasswordHash(settings.passwordCost(), settings.concurrentHashes(), metrics::hashed);
    }
}
