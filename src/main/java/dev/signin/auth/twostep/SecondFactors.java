package dev.signin.auth.twostep;

import dev.signin.config.KeyedHash;
import dev.signin.config.SealedValue;
import dev.signin.config.Settings;
import dev.signin.users.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The second factor of an account, as stored: its authenticator-app key (sealed with the app's
 * secret: {@link SealedValue}), the time step of the last code accepted, and its recovery codes
 * (keyed hashes: {@link KeyedHash}). A code is accepted once: the step it belongs to must be later
 * than the last one used, and taking it is one conditional UPDATE, so two requests with the same
 * code cannot both pass. A recovery code is taken by deleting its row.
 */
@ApplicationScoped
public class SecondFactors {

    /** What a code given to {@link #use} turned out to be. */
    public enum Used { NOTHING, CODE, RECOVERY_CODE }

    @PersistenceContext(unitName = "signin")
    EntityManager em;

    @Inject
    Settings settings;

    Clock clock = Clock.systemUTC();
    private SealedValue keys;
    private KeyedHash recoveryHashes;

    @PostConstruct
    void init() {
        keys = new SealedValue(settings.secretKeys(), "totp-key");
        recoveryHashes = new KeyedHash(settings.secretKeys(), "recovery-code");
    }

    /** Starts setting up: a new key, kept sealed until a code confirms it. */
    @Transactional
    public byte[] startSetup(long userId) {
        byte[] key = Totp.newKey();
        locked(userId).ifPresent(user -> user.setTotpPending(keys.seal(key, context(userId))));
        return key;
    }

    /** The key being set up, if any. */
    public Optional<byte[]> pendingKey(User user) {
        return Optional.ofNullable(user.getTotpPending()).flatMap(sealed -> keys.open(sealed, context(user.getId())));
    }

    /**
     * Turns two-step verification on if the code is one of the key being set up; the step of that
     * code is used up, every remember-me cookie of the user is revoked (they were issued after a
     * password alone) and new recovery codes replace any old ones. The codes, to show once; or
     * empty if the code was wrong or nothing is being set up. The second value is the new token version.
     */
    @Transactional
    public Optional<Enabled> confirm(long userId, String code) {
        Optional<User> user = locked(userId).filter(u -> u.getTotpPending() != null && !u.isTwoStep());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        User u = user.get();
        Optional<byte[]> key = pendingKey(u);
        OptionalLong step = key.isEmpty() ? OptionalLong.empty()
                : Totp.matchingStep(key.get(), code, clock.instant(), u.getTotpLastStep());
        if (step.isEmpty()) {
            return Optional.empty();
        }
        u.enableTotp(keys.seal(key.get(), context(userId)), step.getAsLong());
        u.raiseTokenVersion();
        return Optional.of(new Enabled(replaceRecoveryCodes(userId), u.getTokenVersion()));
    }

    /** Two-step verification was turned on: the recovery codes to show once, and the user's new token version. */
    public record Enabled(List<String> recoveryCodes, int tokenVersion) {
    }

    /** Turns two-step verification off: the key and the recovery codes are gone. */
    @Transactional
    public boolean disable(long userId) {
        Optional<User> user = locked(userId).filter(User::isTwoStep);
        user.ifPresent(u -> {
            u.disableTotp();
            deleteRecoveryCodes(userId);
        });
        return user.isPresent();
    }

    /** New recovery codes in place of the old ones (which stop working). */
    @Transactional
    public Optional<List<String>> regenerateRecoveryCodes(long userId) {
        return locked(userId).filter(User::isTwoStep).map(u -> replaceRecoveryCodes(userId));
    }

    public int remainingRecoveryCodes(long userId) {
        Number count = (Number) em.createNativeQuery("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?1")
                .setParameter(1, userId).getSingleResult();
        return count.intValue();
    }

    /**
     * Takes a code of the user's authenticator app (6 digits, within one step of now either way,
     * later than the last one used) or one of their recovery codes; each works once.
     */
    @Transactional
    public Used use(User user, String typed) {
        String code = typed == null ? "" : typed.replaceAll("\\s", "");
        if (!user.isTwoStep()) {
            return Used.NOTHING;
        }
        if (code.matches("[0-9]{" + Totp.DIGITS + "}")) {
            Optional<byte[]> key = keys.open(user.getTotpSecret(), context(user.getId()));
            if (key.isEmpty()) {
                throw new IllegalStateException("the authenticator key of user " + user.getId()
                        + " opens with no configured secret: was the secret replaced without keeping the old one as a fallback?");
            }
            OptionalLong step = Totp.matchingStep(key.get(), code, clock.instant(), user.getTotpLastStep());
            return step.isPresent() && takeStep(user.getId(), step.getAsLong()) ? Used.CODE : Used.NOTHING;
        }
        Optional<String> recovery = RecoveryCodes.normalized(code);
        if (recovery.isPresent()) {
            int deleted = 0;
            for (String hash : recoveryHashes.candidates(RecoveryCodes.hashInput(user.getId(), recovery.get()))) {
                deleted += em.createNativeQuery("DELETE FROM recovery_codes WHERE user_id = ?1 AND code_hash = ?2")
                        .setParameter(1, user.getId()).setParameter(2, hash).executeUpdate();
            }
            return deleted > 0 ? Used.RECOVERY_CODE : Used.NOTHING;
        }
        return Used.NOTHING;
    }

    /** Uses up a time step, if no code of it or a later one was used before: atomic, so a code passes once. */
    private boolean takeStep(long userId, long step) {
        return em.createNativeQuery("UPDATE users SET totp_last_step = ?1 WHERE id = ?2 AND totp_last_step < ?1")
                .setParameter(1, step).setParameter(2, userId).executeUpdate() == 1;
    }

    private List<String> replaceRecoveryCodes(long userId) {
        deleteRecoveryCodes(userId);
        List<String> codes = RecoveryCodes.generate();
        for (String code : codes) {
            String hash = recoveryHashes.hash(RecoveryCodes.hashInput(userId, RecoveryCodes.normalized(code).orElseThrow()));
            em.createNativeQuery("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?1, ?2)")
                    .setParameter(1, userId).setParameter(2, hash).executeUpdate();
        }
        return codes;
    }

    private void deleteRecoveryCodes(long userId) {
        em.createNativeQuery("DELETE FROM recovery_codes WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
    }

    private Optional<User> locked(long userId) {
        return Optional.ofNullable(em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE));
    }

    private static String context(long userId) {
        return "user:" + userId;
    }
}
