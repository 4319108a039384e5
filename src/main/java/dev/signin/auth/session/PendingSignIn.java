package dev.signin.auth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A sign-in half done: the password was right, the account asks for a code from an authenticator
 * app too. Kept in the browser's session (as a String: Serializable whatever the class loader, so
 * it replicates across a cluster) until the code is right, for {@link #TIMEOUT} at most. It makes
 * nobody signed in: the session holds no user until {@link Authentication#completeSignIn}.
 */
public record PendingSignIn(long userId, int credentialVersion, boolean remember, Instant expiresAt) {

    /** How long the second step may take. */
    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    public boolean isLive(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** The form kept in the session. */
    public String stored() {
        return userId + "." + credentialVersion + "." + (remember ? 1 : 0) + "." + expiresAt.toEpochMilli();
    }

    public static Optional<PendingSignIn> parse(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        String[] parts = stored.split("\\.");
        try {
            return parts.length != 4 ? Optional.empty() : Optional.of(new PendingSignIn(Long.parseLong(parts[0]),
                    Integer.parseInt(parts[1]), "1".equals(parts[2]), Instant.ofEpochMilli(Long.parseLong(parts[3]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
