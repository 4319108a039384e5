package dev.signin.account;

import dev.signin.auth.Authentication;
import dev.signin.password.Argon2PasswordHash;
import dev.signin.password.PasswordPolicy;
import dev.signin.users.User;
import dev.signin.users.UserRepository;
import dev.signin.users.UsernameTakenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/** Creates accounts from a sign-up form that passed Bean Validation, and signs the new user in. */
@ApplicationScoped
public class Registration {

    @Inject
    UserRepository users;

    @Inject
    Argon2PasswordHash passwordHash;

    @Inject
    PasswordPolicy passwordPolicy;

    @Inject
    Authentication authentication;

    /** The new user, or the form errors (field name to message) that stopped it. */
    public sealed interface Outcome {
    }

    public record Registered(User user) implements Outcome {
    }

    public record Rejected(Map<String, String> errors) implements Outcome {
    }

    public Outcome register(SignUpForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        passwordPolicy.problem(form.getUsername(), form.getPassword()).ifPresent(p -> errors.put("password", p));
        if (!form.passwordConfirmed()) {
            errors.put("confirm", SignUpForm.CONFIRM_MISMATCH);
        }
        if (users.findByUsername(form.getUsername()).isPresent()) {
            errors.put("username", "This username is taken.");
        }
        if (!errors.isEmpty()) {
            return new Rejected(errors);
        }
        String hash = passwordHash.generate(form.getPassword().toCharArray());
        User user;
        try {
            user = users.create(form.getUsername(), form.getName().strip(), hash);
        } catch (UsernameTakenException e) {
            return new Rejected(Map.of("username", "This username is taken."));
        }
        authentication.signedUp(user);
        return new Registered(user);
    }
}
