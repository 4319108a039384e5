package dev.signin.auth;

import dev.signin.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Growing delays after failed sign-ins, per attempted username (known or not: no hint which
 * exist) and per client address. Held-back attempts are answered 429 before any password is
 * hashed. There is no permanent lockout: the longest wait is a minute.
 */
@ApplicationScoped
public class SignInThrottle {

    @PersistenceContext(unitName = "signin")
    EntityManager em;

    @Inject
    Settings settings;

    @Inject
    FailureStore store;

    Clock clock = Clock.systemUTC();

    static String usernameKey(String username) {
        String key = username.strip().toLowerCase(Locale.ROOT);
        return "u:" + (key.length() > 64 ? key.substring(0, 64) : key);
    }

    static String addressKey(String address) {
        return "a:" + address;
    }

    /**
     * What the recorded failures say about an attempt: how long it must wait, if it is held back,
     * and whether its username has failures that a success would forget.
     */
    public record Check(Optional<Duration> heldBackFor, boolean usernameHasFailures) {
    }

    public Check check(String username, String clientAddress) {
        Instant now = clock.instant();
        String usernameKey = usernameKey(username);
        List<SignInFailures> failures = em
                .createQuery("select f from SignInFailures f where f.key in :keys", SignInFailures.class)
                .setParameter("keys", List.of(usernameKey, addressKey(clientAddress)))
                .getResultList();
        Optional<Duration> wait = failures.stream()
                .map(f -> f.waitAt(now))
                .flatMap(Optional::stream)
                .max(Duration::compareTo);
        return new Check(wait, failures.stream().anyMatch(f -> f.key().equals(usernameKey)));
    }

    public void failed(String username, String clientAddress) {
        Instant now = clock.instant();
        countWithRetry(usernameKey(username), now, settings.throttleAccountFreeFailures());
        countWithRetry(addressKey(clientAddress), now, settings.throttleAddressFreeFailures());
    }

    /**
     * A success forgets the failures of that username (not of the address: one good account must
     * not launder guesses). Most sign-ins have none to forget, and skip the write transaction.
     */
    public void succeeded(String username, Check check) {
        if (check.usernameHasFailures()) {
            store.forget(usernameKey(username));
        }
    }

    private void countWithRetry(String key, Instant now, int freeFailures) {
        try {
            store.count(key, now, freeFailures);
        } catch (RuntimeException firstInsertRace) {
            // Two first failures at once: one inserted the row, the other now updates it.
            store.count(key, now, freeFailures);
        }
    }

    /** Each count in a transaction of its own, so that a lost insert race can be retried. */
    @ApplicationScoped
    public static class FailureStore {

        @PersistenceContext(unitName = "signin")
        EntityManager em;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void count(String key, Instant now, int freeFailures) {
            SignInFailures failures = em.find(SignInFailures.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (failures == null) {
                failures = new SignInFailures(key);
                failures.fail(now, freeFailures);
                em.persist(failures);
                em.flush();
            } else {
                failures.fail(now, freeFailures);
            }
        }

        @Transactional
        public void forget(String key) {
            SignInFailures failures = em.find(SignInFailures.class, key);
            if (failures != null) {
                em.remove(failures);
            }
        }
    }
}
