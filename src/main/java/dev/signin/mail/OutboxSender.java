package dev.signin.mail;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Sends what the outbox holds, on any node of a cluster. Each row is first claimed by a
 * conditional UPDATE (only one node's UPDATE matches a row that is unclaimed or whose claim ran
 * out), so two nodes never send one mail at the same time; a claim lasts {@link #CLAIM} and is
 * released when the attempt ends. A failed attempt is tried again later, each wait twice the one
 * before (from the first retry up to {@link #LONGEST_WAIT}), until the mail is no longer worth
 * sending. Every statement commits on its own: nothing is held while the SMTP server talks.
 *
 * <p>A node that dies after the SMTP server took a mail and before it marked the row sent leaves
 * the claim to run out: that mail is then sent again (at least once, never twice at once). The
 * Message-ID stays the same, so mail clients can tell.
 */
public final class OutboxSender {

    /** How long a claim holds: longer than an attempt can take (the SMTP timeouts are 10 + 20 s). */
    static final Duration CLAIM = Duration.ofMinutes(2);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** Rows kept after they were sent or given up, for an operator to look at. */
    static final Duration KEPT = Duration.ofDays(7);
    private static final int BATCH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A mail as it is sent. */
    public record Outgoing(String id, String kind, String recipient, String subject, String body) {
    }

    /** Hands a mail to the SMTP server (or a file); throws when it was not taken. */
    public interface Delivery {
        void deliver(Outgoing mail) throws Exception;
    }

    /** Told about each attempt's end: the audit log and the metrics hear of it. */
    public interface Listener {
        void sent(Outgoing mail, int attempts);

        void failed(Outgoing mail, int attempts, Exception error);

        void gaveUp(String id, String kind, String why);
    }

    private final DataSource dataSource;
    private final Delivery delivery;
    private final BiFunction<String, String, Optional<String>> opener;
    private final Listener listener;
    private final Clock clock;
    private final String node;
    private final Duration firstRetry;

    /**
     * @param opener the body as sent, from the sealed one and the row's id (empty: it cannot be opened)
     */
    public OutboxSender(DataSource dataSource, Delivery delivery, BiFunction<String, String, Optional<String>> opener,
                        Listener listener, Clock clock, String node, Duration firstRetry) {
        this.dataSource = dataSource;
        this.delivery = delivery;
        this.opener = opener;
        this.listener = listener;
        this.clock = clock;
        this.node = node;
        this.firstRetry = firstRetry;
    }

    /** Sends the mails that are due, up to a batch; how many went out. */
    public int sendDue() throws SQLException {
        int sent = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (String id : due(connection)) {
                if (attempt(connection, id)) {
                    sent++;
                }
            }
            removeOld(connection);
        }
        return sent;
    }

    /** How long to wait after this many failed attempts. */
    Duration backoff(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(LONGEST_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private List<String> due(Connection connection) throws SQLException {
        OffsetDateTime now = at(clock.instant());
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM mail_outbox "
                + "WHERE sent_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) "
                + "ORDER BY next_attempt_at FETCH FIRST " + BATCH + " ROWS ONLY")) {
            select.setObject(1, now);
            select.setObject(2, now);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private boolean attempt(Connection connection, String id) throws SQLException {
        Instant now = clock.instant();
        String claim = node + ":" + claimId();
        try (PreparedStatement update = connection.prepareStatement("UPDATE mail_outbox SET claimed_by = ?, claimed_until = ? "
                + "WHERE id = ? AND sent_at IS NULL AND gave_up_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?)")) {
            update.setString(1, claim);
            update.setObject(2, at(now.plus(CLAIM)));
            update.setString(3, id);
            update.setObject(4, at(now));
            if (update.executeUpdate() != 1) {
                return false; // another node has it, or sent it a moment ago
            }
        }
        String kind;
        String recipient;
        String subject;
        String sealed;
        int attempts;
        Instant discardAfter;
        try (PreparedStatement select = connection.prepareStatement("SELECT kind, recipient, subject, body, attempts, discard_after "
                + "FROM mail_outbox WHERE id = ? AND claimed_by = ?")) {
            select.setString(1, id);
            select.setString(2, claim);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                kind = rs.getString(1);
                recipient = rs.getString(2);
                subject = rs.getString(3);
                sealed = rs.getString(4);
                attempts = rs.getInt(5);
                discardAfter = rs.getObject(6, OffsetDateTime.class).toInstant();
            }
        }
        if (now.isAfter(discardAfter)) {
            giveUp(connection, id, claim, "no longer worth sending");
            listener.gaveUp(id, kind, "expired");
            return false;
        }
        Optional<String> body = sealed == null ? Optional.empty() : opener.apply(sealed, id);
        if (body.isEmpty()) {
            giveUp(connection, id, claim, "the body cannot be opened with the current secrets");
            listener.gaveUp(id, kind, "unreadable");
            return false;
        }
        Outgoing mail = new Outgoing(id, kind, recipient, subject, body.get());
        try {
            delivery.deliver(mail);
        } catch (Exception e) {
            release(connection, id, claim, attempts + 1, now.plus(backoff(attempts + 1)), e);
            listener.failed(mail, attempts + 1, e);
            return false;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE mail_outbox SET sent_at = ?, body = NULL, "
                + "attempts = ?, claimed_by = NULL, claimed_until = NULL, last_error = NULL WHERE id = ? AND claimed_by = ?")) {
            update.setObject(1, at(clock.instant()));
            update.setInt(2, attempts + 1);
            update.setString(3, id);
            update.setString(4, claim);
            update.executeUpdate();
        }
        listener.sent(mail, attempts + 1);
        return true;
    }

    private void release(Connection connection, String id, String claim, int attempts, Instant next, Exception error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, "
                + "claimed_by = NULL, claimed_until = NULL, last_error = ? WHERE id = ? AND claimed_by = ?")) {
            update.setInt(1, attempts);
            update.setObject(2, at(next));
            update.setString(3, truncated(String.valueOf(error)));
            update.setString(4, id);
            update.setString(5, claim);
            update.executeUpdate();
        }
    }

    private void giveUp(Connection connection, String id, String claim, String why) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE mail_outbox SET gave_up_at = ?, body = NULL, "
                + "claimed_by = NULL, claimed_until = NULL, last_error = ? WHERE id = ? AND claimed_by = ?")) {
            update.setObject(1, at(clock.instant()));
            update.setString(2, why);
            update.setString(3, id);
            update.setString(4, claim);
            update.executeUpdate();
        }
    }

    private void removeOld(Connection connection) throws SQLException {
        OffsetDateTime before = at(clock.instant().minus(KEPT));
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM mail_outbox WHERE sent_at < ? OR gave_up_at < ?")) {
            delete.setObject(1, before);
            delete.setObject(2, before);
            delete.executeUpdate();
        }
    }

    private static String truncated(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static String claimId() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
