package dev.signin.auth.passkeys;

import dev.signin.config.SignedValue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The challenges of passkey ceremonies: random, good once, for {@link #TIMEOUT}, and only for the
 * browser they were given to. Each is a row (so every node of a cluster sees it) whose random id
 * the browser holds in a cookie signed with the app's secret; taking one deletes its row, so a
 * second use (a replay, or two requests at once) finds nothing. Each challenge names its purpose
 * (a sign-in, a registration, or a passkey confirming one change of a user's factors) and, but for
 * a sign-in, the signed-in user it was made for: it is taken only for that purpose and that user,
 * so none can stand in for another.
 */
public final class PasskeyChallenges {

    public static final Duration TIMEOUT = Duration.ofMinutes(5);
    public static final String COOKIE = "signin_passkey";
    /** The cookie of a challenge that confirms a change of the factors ({@link StepUp}). */
    public static final String STEP_UP_COOKIE = "signin_step_up";
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The purposes: a sign-in (no user), adding a passkey, and {@link #stepUp} for confirming a change. */
    public static final String SIGN_IN = "sign-in";
    public static final String REGISTER = "register";

    /** The purpose of a passkey's answer that confirms one change of the user's factors (see {@link StepUp}). */
    public static String stepUp(String change) {
        return "step-up:" + change;
    }

    /** A challenge as stored: its row's id, the challenge, its user (null for a sign-in), its purpose, its end. */
    public record Issued(String id, byte[] challenge, Long userId, String purpose, Instant expiresAt) {
        boolean isLive(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    /** Where the challenges are kept. */
    public interface Rows {
        void insert(Issued issued);

        /** Removes the row and gives it back, if it was there and this call removed it (once, even under races). */
        Optional<Issued> take(String id);

        void deleteExpired(Instant now);
    }

    private final Rows rows;
    private final SignedValue cookies;
    private final Clock clock;

    public PasskeyChallenges(Rows rows, SignedValue cookies, Clock clock) {
        this.rows = rows;
        this.cookies = cookies;
        this.clock = clock;
    }

    /** A new challenge for this purpose and user (null for a sign-in); the caller gives the browser {@link #cookie}. */
    public Issued issue(Long userId, String purpose) {
        Instant now = clock.instant();
        rows.deleteExpired(now);
        Issued issued = new Issued(random(), Base64.getUrlDecoder().decode(random()), userId, purpose, now.plus(TIMEOUT));
        rows.insert(issued);
        return issued;
    }

    /** What the browser keeps: the row's id, signed. */
    public String cookie(Issued issued) {
        return cookies.sign(issued.id());
    }

    /**
     * The challenge this browser was given, used up by this call: only from a cookie we signed,
     * only once, only in time, and only for the purpose and user it was made for.
     */
    public Optional<byte[]> take(Optional<String> cookie, Long userId, String purpose) {
        return cookie.flatMap(value -> cookies.payloadOf(value, 100))
                .filter(id -> id.matches("[A-Za-z0-9_-]{43}"))
                .flatMap(rows::take)
                .filter(issued -> issued.isLive(clock.instant()))
                .filter(issued -> Objects.equals(issued.userId(), userId) && issued.purpose().equals(purpose))
                .map(Issued::challenge);
    }

    public static String random() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
