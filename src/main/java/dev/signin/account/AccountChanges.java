package dev.signin.account;

import dev.signin.password.Argon2PasswordHash;
import dev.signin.password.PasswordPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes a signed-in user makes to their own account. Each returns the form errors (field
 * name to message) that stopped it, or an empty map when it was done.
 */
@ApplicationScoped
public class AccountChanges {

    static final String WRONG_CURRENT = "Your current password is not correct.";

    @Inject
    UserRepository users;

    @Inject
    Argon2PasswordHash passwordHash;

    @Inject
    PasswordPolicy passwordPolicy;

    public Map<String, String> updateProfile(User user, ProfileForm form) {
        users.updateProfile(user.getId(), form.getName().strip(), form.getAbout().strip());
        return Map.of();
    }

    /** On success every session of the user ends and every remember-me cookie is revoked. */
    public Map<String, String> changePassword(User user, PasswordForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!currentPasswordMatches(user, form.getCurrent())) {
            errors.put("current", WRONG_CURRENT);
        }
        passwordPolicy.problem(user.getUsername(), form.getPassword()).ifPresent(p -> errors.put("password", p));
        if (!form.passwordConfirmed()) {
            errors.put("confirm", SignUpForm.CONFIRM_MISMATCH);
        }
        if (errors.isEmpty()) {
            users.changePassword(user.getId(), passwordHash.generate(form.getPassword().toCharArray()));
        }
        return errors;
    }

    public Map<String, String> delete(User user, String currentPassword) {
        if (!currentPasswordMatches(user, currentPassword)) {
            return Map.of("current", WRONG_CURRENT);
        }
        users.delete(user.getId());
        return Map.of();
    }

    private boolean currentPasswordMatches(User user, String password) {
        return password != null && !password.isEmpty() && password.length() <= 128
                && passwordHash.verify(password.toCharArray(), user.getPasswordHash());
    }
}
