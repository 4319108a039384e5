package dev.signin.audit;

import dev.signin.auth.SecurityEvent;
import dev.signin.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * The audit log: every {@link SecurityEvent}, one JSON object per line, through the server's
 * logging (logger {@code signin.audit}): time, event, user id or attempted username, client
 * address and a hash of the session id. Never a password, a secret or a raw session id.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger("signin.audit");

    void record(@Observes SecurityEvent event) {
        LOG.info(line(event));
    }

    /** The event as one line of JSON (Jakarta JSON Processing escapes what a username may hold). */
    static String line(SecurityEvent event) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("time", event.time().toString())
                .add("event", event.kind().jsonName());
        if (event.userId() != null) {
            json.add("user_id", event.userId());
        }
        if (event.username() != null) {
            json.add("username", User.attempted(event.username()));
        }
        json.add("client", event.clientAddress());
        if (event.sessionId() != null) {
            json.add("session", sessionHash(event.sessionId()));
        }
        // JSON allows U+2028 and U+2029 raw, but some log readers break lines at them.
        return json.build().toString().replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** A stable, one-way label for a session id: enough to follow one session through the log. */
    public static String sessionHash(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
