package dev.signin.auth;

import dev.signin.account.User;
import dev.signin.account.UserRepository;
import dev.signin.sessions.SessionRegistry;
import dev.signin.web.DatabaseOutage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;
import java.util.Set;

/**
 * Tells the container who the caller is, on every request: the user of a session the registry
 * still holds valid (registered, not ended, within its lifetime, account still there), or else
 * the bearer of a valid remember-me cookie (which starts a new session).
 * With it, {@code SecurityContext.getCallerPrincipal()} and {@code request.getUserPrincipal()}
 * work everywhere in the app. Checking passwords is the sign-in controller's job, through the
 * identity store; the session is the only thing this mechanism trusts.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final Set<String> GROUPS = Set.of("user");
    /** The request attribute where the loaded account waits for {@link CurrentUser}. */
    static final String USER = "signin.user";

    @Inject
    RememberMe rememberMe;

    @Inject
    UserRepository users;

    @Inject
    SessionRegistry sessions;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/assets/")) {
            return context.doNothing(); // static files need no caller, and no database look-up
        }
        Optional<User> user;
        try {
            user = fromSession(request);
            if (user.isEmpty()) {
                user = rememberMe.restore(request, response);
            }
        } catch (RuntimeException e) {
            if (!DatabaseOutage.isCause(e)) {
                throw e; // a bug, not an outage: let it show as one
            }
            // Without the database nobody can be recognised: carry on anonymous, and let the
            // pages that need a user answer 503 (SignedInFilter) rather than "please sign in".
            request.setAttribute(DatabaseOutage.ATTRIBUTE, e);
            return context.doNothing();
        }
        if (user.isEmpty()) {
            return context.doNothing();
        }
        request.setAttribute(USER, user.get());
        return context.notifyContainerAboutLogin(new CallerPrincipal(user.get().getId().toString()), GROUPS);
    }

    private Optional<User> fromSession(HttpServletRequest request) {
        Optional<Long> userId = sessions.signedInUser(request);
        if (userId.isEmpty()) {
            return Optional.empty();
        }
        Optional<User> user = users.findById(userId.get());
        if (user.isEmpty()) {
            sessions.end(request, SessionRegistry.Reason.ACCOUNT_GONE);
        }
        return user;
    }
}
