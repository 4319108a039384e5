package dev.signin.web.access;

import dev.signin.auth.Authentication;
import dev.signin.auth.CurrentUser;
import dev.signin.users.User;
import dev.signin.web.errors.DatabaseOutage;
import dev.signin.web.headers.SecurityHeaders;
import dev.signin.web.pages.Navigation;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Guards {@link SignedIn} resources (their Cache-Control: no-store comes from {@link SecurityHeaders}).
 * With {@code signin.two-step.required}, an account without a second factor reaches only the
 * {@link SecondFactorSetUp} ones: a page is 303 to the set-up, anything else 403.
 */
@Provider
@SignedIn
@Priority(Priorities.AUTHENTICATION)
public class SignedInFilter implements ContainerRequestFilter {

    static final String SET_UP = "/account/two-step";

    @Inject
    CurrentUser currentUser;

    @Inject
    Authentication authentication;

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        if (request.getAttribute(DatabaseOutage.ATTRIBUTE) != null) {
            request.setAttribute(DatabaseOutage.REASON, "database");
            context.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", 5).build());
            return;
        }
        Optional<User> user = currentUser.user();
        if (user.isPresent() && !resource.getResourceMethod().isAnnotationPresent(SecondFactorSetUp.class)
                && authentication.mustSetUpSecondFactor(user.get())) {
            if ("GET".equals(context.getMethod()) || "HEAD".equals(context.getMethod())) {
                context.abortWith(Navigation.to(request.getContextPath(), SET_UP));
            } else {
                request.setAttribute(DatabaseOutage.REASON, "second-factor"); // the error page says what to do
                context.abortWith(Response.status(Response.Status.FORBIDDEN).build());
            }
            return;
        }
        if (user.isEmpty()) {
            String next = request.getRequestURI().substring(request.getContextPath().length());
            if (request.getQueryString() != null) {
                next += "?" + request.getQueryString();
            }
            context.abortWith(Navigation.to(request.getContextPath(),
                    "/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
        }
    }
}
