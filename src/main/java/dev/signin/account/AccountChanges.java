package dev.signin.account;

import dev.signin.auth.Authentication;
import dev.signin.auth.CurrentUser;
import dev.signin.auth.Outcome;
import dev.signin.password.PasswordPolicy;
import dev.signin.users.User;
import dev.signin.users.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes signed-in users make to their own account. What needs the password (changing it,
 * deleting the account) goes through {@link Authentication}, which checks it, throttled.
 */
@ApplicationScoped
public class AccountChanges {

    @Inject
    CurrentUser currentUser;

    @Inject
    UserRepository users;

    @Inject
    PasswordPolicy passwordPolicy;

    @Inject
    Authentication authentication;

    public User user() {
        return currentUser.user().orElseThrow(() -> new IllegalStateException("no signed-in user"));
    }

    public void updateProfile(ProfileForm form) {
        users.updateProfile(user().getId(), form.getName().strip(), form.getAbout().strip());
    }

    /** What is wrong with the new password itself (field name to message); the current one is checked after. */
    public Map<String, String> newPasswordProblems(PasswordForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        passwordPolicy.problem(user().getUsername(), form.getPassword()).ifPresent(p -> errors.put("password", p));
        if (!form.passwordConfirmed()) {
            errors.put("confirm", SignUpForm.CONFIRM_MISMATCH);
        }
        return errors;
    }

    /** On success every other session of the user ends and every other remember-me cookie is void. */
    public Outcome changePassword(PasswordForm form) {
        return authentication.changePassword(form.getCurrent(), form.getPassword());
    }

    public Outcome delete(String currentPassword) {
        return authentication.deleteAccount(currentPassword == null ? "" : currentPassword);
    }
}
