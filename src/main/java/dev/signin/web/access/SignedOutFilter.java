package dev.signin.web.access;

import dev.signin.auth.CurrentUser;
import dev.signin.web.pages.Navigation;
import dev.signin.web.pages.SafeRedirect;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Guards {@link SignedOut} resources: a signed-in user has nothing to do there and goes on. */
@Provider
@SignedOut
@Priority(Priorities.AUTHENTICATION)
public class SignedOutFilter implements ContainerRequestFilter {

    @Inject
    CurrentUser currentUser;

    @Inject
    Navigation navigation;

    @Override
    public void filter(ContainerRequestContext context) {
        if (currentUser.user().isPresent()) {
            context.abortWith(navigation.seeOther(SafeRedirect.localPath(context.getUriInfo().getQueryParameters().getFirst("next"))));
        }
    }
}
