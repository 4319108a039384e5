package dev.signin.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Security events, one JSON object per line, through the server's logging (logger
 * {@code signin.audit}): time, event, user id or attempted username, client address and a hash
 * of the session id. Never a password, a secret or a raw session id.
 */
public final class Audit {

    /** What happened. The JSON names are the lower-case names. */
    public enum Event {
        SIGN_IN_SUCCESS, SIGN_IN_FAILURE, SIGN_IN_THROTTLED, SIGN_UP, SIGN_OUT,
        SESSION_ENDED, SESSION_EXPIRED, PASSWORD_CHANGED, ACCOUNT_DELETED;

        public String jsonName() {
            return name().toLowerCase();
        }
    }

    private static final Logger LOG = Logger.getLogger("signin.audit");
    private static final Clock CLOCK = Clock.systemUTC();

    private Audit() {
    }

    /**
     * Logs one event. userId may be null when unknown (a failed sign-in: then username is the
     * attempted one); sessionId is hashed before it is written.
     */
    public static void log(Event event, Long userId, String username, String clientAddress, String sessionId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", CLOCK.instant().toString());
        fields.put("event", event.jsonName());
        if (userId != null) {
            fields.put("user_id", userId);
        }
        if (username != null) {
            fields.put("username", username.length() > 64 ? username.substring(0, 64) : username);
        }
        fields.put("client", clientAddress);
        if (sessionId != null) {
            fields.put("session", sessionHash(sessionId));
        }
        LOG.log(Level.INFO, toJson(fields));
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

    static String toJson(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(name).append("\":");
            if (value instanceof Number) {
                json.append(value);
            } else {
                quote(String.valueOf(value), json);
            }
        });
        return json.append('}').toString();
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
