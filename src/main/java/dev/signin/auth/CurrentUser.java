package dev.signin.auth;

import dev.signin.auth.session.Client;
import dev.signin.users.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Optional;

/**
 * The signed-in user of this request, as {@link Authentication#recognise} found them when the
 * request came in. Views reach it as {@code currentUser}.
 */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    Client client;

    /** The account, or empty when signed out. */
    public Optional<User> user() {
        return client.recognised();
    }

    public Optional<Long> id() {
        return user().map(User::getId);
    }

    /** For the views: null when signed out. */
    public User getUser() {
        return user().orElse(null);
    }
}
