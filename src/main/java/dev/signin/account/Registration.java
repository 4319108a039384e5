package dev.signin.account;

import dev.signin.recovery.EmailAddress;
import dev.signin.recovery.EmailAddresses;

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
import java.util.Optional;

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

    @Inject
    EmailAddresses addresses;

    static final String TAKEN = "This username is taken.";

    /** The new user, the form errors (field name to message) that stopped it, or a wait. */
    public sealed interface Outcome {
    }

    public record Registered(User user) implements Outcome {
    }

    public record Rejected(Map<String, String> errors) implements Outcome {
    }

    /** Too many sign-ups from this address, or links to the address given (mail): try again after the wait (in seconds). */
    public record HeldBack(long seconds, boolean mail) implements Outcome {
    }

    /**
     * Whether a username is taken is said only about a form that is otherwise valid, and each such
     * attempt is counted per client address: nobody can list the accounts by sending half-filled forms.
     */
    public Outcome register(SignUpForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        passwordPolicy.problem(form.getUsername(), form.getPassword()).ifPresent(p -> errors.put("password", p));
        if (!form.passwordConfirmed()) {
            errors.put("confirm", SignUpForm.CONFIRM_MISMATCH);
        }
        boolean withEmail = !form.getEmail().isBlank() && addresses.enabled();
        if (withEmail) {
            EmailAddress.problem(form.getEmail()).ifPresent(p -> errors.put("email", p));
        }
        if (!errors.isEmpty()) {
            return new Rejected(errors);
        }
        Optional<dev.signin.auth.Outcome.HeldBack> held = authentication.admitSignUp();
        if (held.isPresent()) {
            return new HeldBack(held.get().seconds(), false);
        }
        Optional<Long> mailWait = withEmail ? addresses.admitMail(form.getEmail()) : Optional.empty();
        if (mailWait.isPresent()) {
            return new HeldBack(mailWait.get(), true);
        }
        if (users.findByUsername(form.getUsername()).isPresent()) {
            return new Rejected(Map.of("username", TAKEN));
        }
        String hash = passwordHash.generate(form.getPassword().toCharArray());
        User user;
        try {
            user = users.create(form.getUsername(), form.getName().strip(), hash);
        } catch (UsernameTakenException e) {
            return new Rejected(Map.of("username", TAKEN));
        }
        if (withEmail) {
            addresses.change(user.getId(), form.getEmail()); // unverified, and a link to verify it mailed
        }
        authentication.signedUp(user);
        return new Registered(user);
    }
}
