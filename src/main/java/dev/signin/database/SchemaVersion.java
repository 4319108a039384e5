package dev.signin.database;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The newest migration this build of the app ships, noted at start-up for the readiness check. */
@ApplicationScoped
public class SchemaVersion {

    private volatile String expected;

    void expect(String version) {
        expected = version;
    }

    public Optional<String> expected() {
        return Optional.ofNullable(expected);
    }
}
