package dev.signin.auth;

import dev.signin.account.User;
import dev.signin.account.UserRepository;
import dev.signin.password.Argon2PasswordHash;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Jakarta Security identity store over the users table. The caller principal's name is the
 * user's database id. A hash made with weaker parameters than today's is replaced at a
 * successful sign-in.
 */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

    /** Longer passwords than sign-up allows cannot match: refuse them before hashing anything. */
    static final int MAX_PASSWORD = 128;
    static final int MAX_USERNAME = 32;

    @Inject
    UserRepository users;

    @Inject
    Argon2PasswordHash passwordHash;

    // Unknown usernames are checked against this, so they cost the same hashing work as known ones.
    private String decoyHash;

    @PostConstruct
    void init() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        decoyHash = passwordHash.generate(Base64.getEncoder().encodeToString(random).toCharArray());
    }

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return check(credential.getCaller(), credential.getPassword().getValue())
                .map(user -> new CredentialValidationResult(String.valueOf(user.getId())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    /** The user whose password this is, if any. */
    Optional<User> check(String username, char[] password) {
        if (username == null || password == null || username.isEmpty() || username.length() > MAX_USERNAME
                || password.length == 0 || password.length > MAX_PASSWORD) {
            return Optional.empty();
        }
        Optional<User> user = users.findByUsername(username);
        if (user.isEmpty()) {
            passwordHash.verify(password, decoyHash);
            return Optional.empty();
        }
        User found = user.get();
        if (!passwordHash.verify(password, found.getPasswordHash())) {
            return Optional.empty();
        }
        if (passwordHash.needsUpgrade(found.getPasswordHash())) {
            users.updatePasswordHash(found.getId(), passwordHash.generate(password));
        }
        return user;
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }
}
