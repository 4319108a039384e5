package dev.signin.auth.session;

import dev.signin.config.SecretKeys;
import dev.signin.config.SignedValue;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of the remember-me cookie: {@code 1.<userId>.<tokenVersion>.<expires>.<mac>} (see
 * {@link SignedValue}). No password, no session id, nothing to look up: the signature says we
 * issued it, the token version (kept per user in the database) says it has not been revoked by a
 * sign-out or a change of credentials since.
 */
public final class RememberMeToken {

    /** What a valid token says. */
    public record Claims(long userId, int tokenVersion, Instant expires) {
    }

    private static final Pattern PAYLOAD = Pattern.compile("1\\.(\\d{1,18})\\.(\\d{1,9})\\.(\\d{1,12})");

    private final SignedValue signed;
    private final Clock clock;

    public RememberMeToken(SecretKeys keys, Clock clock) {
        this.signed = new SignedValue(keys, "signin.remember-me");
        this.clock = clock;
    }

    public String sign(Claims claims) {
        return signed.sign("1." + claims.userId() + "." + claims.tokenVersion() + "." + claims.expires().getEpochSecond());
    }

    /** The claims of a token we signed (with the current key or a fallback) that has not expired. */
    public Optional<Claims> verify(String token) {
        return signed.payloadOf(token, 128).map(PAYLOAD::matcher).filter(Matcher::matches).flatMap(m -> {
            Instant expires = Instant.ofEpochSecond(Long.parseLong(m.group(3)));
            return expires.isAfter(clock.instant())
                    ? Optional.of(new Claims(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), expires))
                    : Optional.empty();
        });
    }
}
