package dev.signin.web;

import dev.signin.auth.CurrentUser;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Guards {@link SignedIn} resources (their Cache-Control: no-store comes from {@link SecurityHeaders}). */
@Provider
@SignedIn
@Priority(Priorities.AUTHENTICATION)
public class SignedInFilter implements ContainerRequestFilter {

    @Inject
    CurrentUser currentUser;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        if (request.getAttribute(DatabaseOutage.ATTRIBUTE) != null) {
            request.setAttribute(DatabaseOutage.REASON, "database");
            context.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", 5).build());
            return;
        }
        if (currentUser.user().isEmpty()) {
            String next = request.getRequestURI().substring(request.getContextPath().length());
            if (request.getQueryString() != null) {
                next += "?" + request.getQueryString();
            }
            context.abortWith(Navigation.to(request.getContextPath(),
                    "/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
        }
    }
}
