package dev.signin.auth.throttle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Failed password checks under one key (see {@link SignInThrottle}) within the current window,
 * and until when the key is held back. Rows live in the database, so every node of a
 * cluster counts the same failures.
 */
@Entity
@Table(name = "sign_in_failures")
public class SignInFailures {

    /** Failures older than this are forgotten. */
    public static final Duration WINDOW = Duration.ofHours(1);
    /** The longest wait after a failure: at most about 70 guesses an hour, never a lockout. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(60);

    @Id
    @Column(name = "throttle_key", length = 100)
    private String key;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "first_failure_at", nullable = false)
    private OffsetDateTime firstFailureAt;

    @Column(name = "blocked_until")
    private OffsetDateTime blockedUntil;

    protected SignInFailures() {
    }

    public SignInFailures(String key) {
        this.key = key;
    }

    /** How long to wait still, if the key is held back at this instant. */
    public Optional<Duration> waitAt(Instant now) {
        if (blockedUntil == null || !blockedUntil.toInstant().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, blockedUntil.toInstant()));
    }

    /**
     * Whether the row is of no use any more at this instant: its hour is over (the next failure
     * starts afresh) and it holds nothing back, so having it is the same as having none.
     * {@code SignInThrottle.NewRows} removes such rows with the same condition in SQL.
     */
    public boolean isOverAt(Instant now) {
        return firstFailureAt != null && firstFailureAt.toInstant().plus(WINDOW).isBefore(now) && waitAt(now).isEmpty();
    }

    /** Counts a failure; past the free ones, each holds the key back twice as long as the one before. */
    public void fail(Instant now, int freeFailures) {
        if (firstFailureAt == null || firstFailureAt.toInstant().plus(WINDOW).isBefore(now)) {
            failures = 0;
            firstFailureAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            blockedUntil = null;
        }
        failures++;
        delayAfter(failures, freeFailures)
                .ifPresent(delay -> blockedUntil = OffsetDateTime.ofInstant(now.plus(delay), ZoneOffset.UTC));
    }

    /** Takes back one counted failure; the wait it started, if nothing has moved it since, goes back to what it was. */
    public void giveBack(Instant blockedBefore, Instant blockedAfter) {
        failures = Math.max(0, failures - 1);
        if (blockedAfter != null && blockedAfter.equals(blockedUntil())) {
            blockedUntil = blockedBefore == null ? null : OffsetDateTime.ofInstant(blockedBefore, ZoneOffset.UTC);
        }
    }

    /** Until when the key is held back, if it ever was. */
    public Instant blockedUntil() {
        return blockedUntil == null ? null : blockedUntil.toInstant();
    }

    public int failures() {
        return failures;
    }

    /** No delay for the first free failures, then 1 s, 2 s, 4 s ... up to {@link #MAX_DELAY}. */
    static Optional<Duration> delayAfter(int failures, int freeFailures) {
        int beyond = failures - freeFailures;
        if (beyond < 0) {
            return Optional.empty();
        }
        long seconds = beyond >= 6 ? MAX_DELAY.toSeconds() : Math.min(1L << beyond, MAX_DELAY.toSeconds());
        return Optional.of(Duration.ofSeconds(seconds));
    }
}
