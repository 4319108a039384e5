package dev.signin.auth;

import dev.signin.account.UserRepository;
import dev.signin.web.Redirects;
import dev.signin.web.SafeRedirect;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/** GET and POST /sign-in. */
// Controllers must be CDI beans for Krazo (the views, validation and CSRF hook in through CDI).
@RequestScoped
@Controller
@Path("sign-in")
public class SignInController {

    static final String VIEW = "signin/sign-in.jsp";
    static final String INVALID = "Invalid username or password";

    @Inject
    Models models;

    @Inject
    CurrentUser currentUser;

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    UserRepository users;

    @Inject
    RememberMe rememberMe;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @GET
    public Response form(@QueryParam("next") String next) {
        String target = SafeRedirect.localPath(next);
        if (currentUser.user().isPresent()) {
            return Redirects.seeOther(request.getContextPath(), target);
        }
        models.put("next", target);
        return Response.ok(VIEW).build();
    }

    @POST
    public Response signIn(@BeanParam SignInForm form) {
        String target = SafeRedirect.localPath(form.getNext());
        CredentialValidationResult result = identityStores.validate(
                new UsernamePasswordCredential(form.getUsername(), form.getPassword()));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            // One message for unknown user and wrong password; no session is created for it.
            models.put("next", target);
            models.put("username", form.getUsername());
            models.put("error", INVALID);
            return Response.ok(VIEW).build();
        }
        long userId = Long.parseLong(result.getCallerPrincipal().getName());
        SignedInSessions.start(request, userId);
        if (form.isRemember()) {
            users.findById(userId).ifPresent(user -> rememberMe.issue(request, response, user));
        }
        return Redirects.seeOther(request.getContextPath(), target);
    }
}
