package dev.signin.password;

import dev.signin.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Produces;

/** The app's one password hasher, with the cost from the settings; each hash is announced as a {@link PasswordHashed} event. */
@ApplicationScoped
public class PasswordHashProducer {

    @Produces
    @ApplicationScoped
    Argon2PasswordHash passwordHash(Settings settings, Event<PasswordHashed> hashed) {
        return new Argon2PasswordHash(new Argon2PasswordHash.Cost(settings.passwordMemoryKib(), settings.passwordIterations(), 1),
                settings.concurrentHashes(), took -> hashed.fire(new PasswordHashed(took)));
    }
}
