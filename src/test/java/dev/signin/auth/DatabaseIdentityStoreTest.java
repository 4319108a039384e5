package dev.signin.auth;

import dev.signin.password.Argon2PasswordHash;
import dev.signin.users.User;
import dev.signin.users.UserRepository;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseIdentityStoreTest {

    /** The user store, in memory: records hash updates. */
    static class Users extends UserRepository {
        final Map<String, User> byName = new HashMap<>();
        final Map<Long, String> updatedHashes = new HashMap<>();
        int lookups;

        @Override
        public Optional<User> findByUsername(String username) {
            lookups++;
            return Optional.ofNullable(byName.get(User.keyOf(username)));
        }

        @Override
        public void upgradePasswordHash(long id, String checkedHash, String strongerHash) {
            updatedHashes.put(id, strongerHash);
        }
    }

    /** A hasher that counts its work, to check unknown users cost as much as known ones. */
    static class CountingHash extends Argon2PasswordHash {
        int verifications;

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            verifications++;
            return super.verify(password, hashedPassword);
        }
    }

    private final Users users = new Users();
    private final CountingHash hash = new CountingHash();
    private final DatabaseIdentityStore store = new DatabaseIdentityStore();

    static User user(long id, String username, String passwordHash) throws Exception {
        User user = new User(username, username, passwordHash, OffsetDateTime.now());
        var field = User.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(user, id);
        return user;
    }

    @BeforeEach
    void wire() {
        store.users = users;
        store.passwordHash = hash;
        store.init();
    }

    @Test
    void theRightPasswordGivesTheUserIdAsCaller() throws Exception {
        users.byName.put("ada", user(7, "Ada", hash.generate("correct horse".toCharArray())));
        CredentialValidationResult result = store.validate(new UsernamePasswordCredential("ADA", "correct horse"));
        assertEquals(CredentialValidationResult.Status.VALID, result.getStatus());
        assertEquals("7", result.getCallerPrincipal().getName());
        assertTrue(users.updatedHashes.isEmpty(), "a current hash is left alone");
    }

    @Test
    void aWrongPasswordOrUnknownUserIsInvalidAfterTheSameHashingWork() throws Exception {
        users.byName.put("ada", user(7, "Ada", hash.generate("correct horse".toCharArray())));
        hash.verifications = 0;
        assertEquals(CredentialValidationResult.INVALID_RESULT, store.validate(new UsernamePasswordCredential("ada", "wrong")));
        assertEquals(1, hash.verifications);
        assertEquals(CredentialValidationResult.INVALID_RESULT, store.validate(new UsernamePasswordCredential("bob", "wrong")));
        assertEquals(2, hash.verifications, "an unknown user is checked against a decoy hash");
    }

    @Test
    void aHashWithWeakerParametersIsUpgradedAtSignIn() throws Exception {
        var old = new Argon2PasswordHash(new Argon2PasswordHash.Cost(4096, 1, 1));
        String oldHash = old.generate("correct horse".toCharArray());
        users.byName.put("ada", user(7, "Ada", oldHash));

        assertEquals(CredentialValidationResult.Status.VALID,
                store.validate(new UsernamePasswordCredential("ada", "correct horse")).getStatus());

        String upgraded = users.updatedHashes.get(7L);
        assertNotEquals(oldHash, upgraded);
        assertEquals(Argon2PasswordHash.OWASP_MINIMUM, Argon2PasswordHash.costOf(upgraded).orElseThrow());
        assertTrue(hash.verify("correct horse".toCharArray(), upgraded));
    }

    @Test
    void aWrongPasswordNeverUpgradesAnything() throws Exception {
        var old = new Argon2PasswordHash(new Argon2PasswordHash.Cost(4096, 1, 1));
        users.byName.put("ada", user(7, "Ada", old.generate("correct horse".toCharArray())));
        store.validate(new UsernamePasswordCredential("ada", "not it"));
        assertTrue(users.updatedHashes.isEmpty());
    }

    @Test
    void oversizedInputIsRefusedWithoutTouchingTheStore() {
        users.lookups = 0;
        hash.verifications = 0;
        assertFalse(store.check("u".repeat(33), "pw").isPresent());
        assertFalse(store.check("ada", "p".repeat(129)).isPresent());
        assertFalse(store.check("", "").isPresent());
        assertEquals(0, users.lookups);
        assertEquals(0, hash.verifications);
    }
}
