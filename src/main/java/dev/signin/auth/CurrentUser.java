package dev.signin.auth;

import dev.signin.account.User;
import dev.signin.account.UserRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.util.Optional;

/**
 * The signed-in user of this request, as Jakarta Security knows them: the caller principal's
 * name is the user's database id (see {@link SessionAuthenticationMechanism}). Views reach it as
 * {@code currentUser}.
 */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityContext securityContext;

    @Inject
    UserRepository users;

    @Inject
    HttpServletRequest request;

    private Optional<User> user;

    public Optional<Long> id() {
        Principal principal = securityContext.getCallerPrincipal();
        if (principal == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(principal.getName()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The account, or empty when signed out or when the account no longer exists. */
    public Optional<User> user() {
        if (user == null) {
            // The authentication mechanism already loaded the account for this request.
            user = request.getAttribute(SessionAuthenticationMechanism.USER) instanceof User loaded
                    && id().filter(loaded.getId()::equals).isPresent()
                    ? Optional.of(loaded)
                    : id().flatMap(users::findById);
        }
        return user;
    }

    /** For the views: null when signed out. */
    public User getUser() {
        return user().orElse(null);
    }
}
