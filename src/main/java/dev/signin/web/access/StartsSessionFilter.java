package dev.signin.web.access;

import dev.signin.web.errors.DatabaseOutage;
import dev.signin.web.session.ServletClient;
import dev.signin.web.session.SessionIds;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Guards {@link StartsSession} resources: with weak session ids in production, 503 and our page
 * before anything is checked (a right password and a wrong one get the same answer). The same
 * refusal stands behind it wherever a session starts ({@link ServletClient}).
 */
@Provider
@StartsSession
@Priority(Priorities.AUTHENTICATION)
public class StartsSessionFilter implements ContainerRequestFilter {

    @Inject
    SessionIds sessionIds;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        if (sessionIds.refusing()) {
            request.setAttribute(DatabaseOutage.REASON, "session-ids");
            context.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE).build());
        }
    }
}
