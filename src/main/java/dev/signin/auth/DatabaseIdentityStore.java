package dev.signin.auth;

import dev.signin.password.Argon2PasswordHash;
import dev.signin.password.PasswordPolicy;
import dev.signin.users.User;
import dev.signin.users.UserRepository;
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
 * Jakarta Security identity store over the users table (the caller principal's name is the
 * user's database id), and the one place passwords are checked. A hash made with weaker
 * parameters than today's is replaced at a successful check.
 */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

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

    /** Called by Jakarta Security's IdentityStore.validate(Credential) for a username and password. */
    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return check(credential.getCaller(), credential.getPasswordAsString())
                .map(user -> new CredentialValidationResult(String.valueOf(user.getId())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    /**
     * The user whose password this is, if any, as read before the check: its credential version is
     * the one the password was checked against.
     */
    Optional<User> check(String username, String password) {
        if (username == null || username.isEmpty() || username.length() > User.MAX_USERNAME || !PasswordPolicy.mayMatch(password)) {
            return Optional.empty();
        }
        Optional<User> user = users.findByUsername(username);
        if (user.isEmpty()) {
            passwordHash.verify(password.toCharArray(), decoyHash);
            return Optional.empty();
        }
        return user.filter(u -> matches(u, password));
    }

    /** Whether this is the user's password (as stored when the user was read). */
    boolean matches(User user, String password) {
        if (!PasswordPolicy.mayMatch(password) || !passwordHash.verify(password.toCharArray(), user.getPasswordHash())) {
            return false;
        }
        if (passwordHash.needsUpgrade(user.getPasswordHash())) {
            users.upgradePasswordHash(user.getId(), user.getPasswordHash(), passwordHash.generate(password.toCharArray()));
        }
        return true;
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }
}
