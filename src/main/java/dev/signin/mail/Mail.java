package dev.signin.mail;

import java.time.Duration;

/**
 * A mail to write to the outbox: what kind (for the log and the metrics), to whom, what it says
 * (plain text), and how long it is worth sending (a reset link is no use after its token expired).
 */
public record Mail(String kind, String recipient, String subject, String body, Duration worthSending) {

    /** Notices are still worth sending a week later; a link only while it works. */
    public static final Duration NOTICE_LIFETIME = Duration.ofDays(7);
}
