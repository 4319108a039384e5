package dev.signin.auth;

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
 * Tells the container who the caller is, on every request: the user id kept in the HttpSession,
 * or else a valid remember-me cookie (which starts a new session). With it,
 * {@code SecurityContext.getCallerPrincipal()} and {@code request.getUserPrincipal()} work
 * everywhere in the app. Checking passwords is the sign-in controller's job, through the
 * identity store; the session is the only thing this mechanism trusts.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final Set<String> GROUPS = Set.of("user");

    @Inject
    RememberMe rememberMe;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Optional<Long> userId = SignedInSessions.userId(request);
        if (userId.isEmpty()) {
            userId = rememberMe.restore(request, response);
        }
        if (userId.isEmpty()) {
            return context.doNothing();
        }
        return context.notifyContainerAboutLogin(new CallerPrincipal(userId.get().toString()), GROUPS);
    }
}
