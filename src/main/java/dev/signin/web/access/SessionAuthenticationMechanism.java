package dev.signin.web.access;

import dev.signin.auth.Authentication;
import dev.signin.config.Settings;
import dev.signin.users.User;
import dev.signin.web.errors.DatabaseOutage;
import dev.signin.web.requests.RefusedRequests;
import dev.signin.web.session.ServletClient;
import dev.signin.web.session.SessionIds;
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
 * Tells the container who the caller is, on every request, as {@link Authentication#recognise}
 * finds them (a valid session, or a valid remember-me cookie). With it,
 * {@code SecurityContext.getCallerPrincipal()} and {@code request.getUserPrincipal()} work
 * everywhere in the app; the principal's name is the user's database id.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final Set<String> GROUPS = Set.of("user");

    @Inject
    Authentication authentication;

    @Inject
    Settings settings;

    @Inject
    SessionIds sessionIds;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        request.setAttribute(ServletClient.RESPONSE, response);
        if (RefusedRequests.isStaticFile(request)) {
            return context.doNothing(); // static files need no caller, and no database look-up
        }
        if (RefusedRequests.mayCarryAPlantedSession(request)) {
            return context.doNothing(); // nobody: RefusedRequests answers 400
        }
        if (sessionIds.refusing()) {
            return context.doNothing(); // weak session ids in production: nobody is recognised, no remember-me sign-in
        }
        Optional<User> user;
        try {
            user = authentication.recognise(new ServletClient(request, response, settings, sessionIds));
        } catch (SessionIds.WeakException e) {
            return context.doNothing(); // the ids turned out weak during this request (SessionIds logged it): anonymous
        } catch (RuntimeException e) {
            if (!DatabaseOutage.isCause(e)) {
                throw e; // a bug, not an outage: let it show as one
            }
            // Without the database nobody can be recognised: carry on anonymous, and let the
            // pages that need a user answer 503 (SignedInFilter) rather than "please sign in".
            request.setAttribute(DatabaseOutage.ATTRIBUTE, e);
            return context.doNothing();
        }
        return user.isEmpty() ? context.doNothing()
                : context.notifyContainerAboutLogin(new CallerPrincipal(user.get().getId().toString()), GROUPS);
    }
}
