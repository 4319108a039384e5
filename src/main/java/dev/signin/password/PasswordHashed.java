package dev.signin.password;

import java.time.Duration;

/** A CDI event: one password hash was computed, and how long it took (the metrics observe it). */
public record PasswordHashed(Duration took) {
}
