package dev.signin.signin;

import dev.signin.auth.Authentication;
import dev.signin.auth.Outcome;
import dev.signin.users.User;
import dev.signin.web.access.SignedOut;
import dev.signin.web.access.StartsSession;
import dev.signin.web.pages.Navigation;
import dev.signin.web.pages.SafeRedirect;
import dev.signin.web.pages.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** GET and POST /sign-in. */
// Controllers must be CDI beans for Krazo (the views, validation and CSRF hook in through CDI).
@RequestScoped
@Controller
@Path("sign-in")
public class SignInController {

    static final String VIEW = "signin/sign-in.jsp";
    static final String INVALID = "Invalid username or password";
    static final String PASSKEY_NEEDED = "This account signs in with its passkey: please use “Sign in with a passkey”.";
    static final String SUPERSEDED = "Your password or sessions were changed while you signed in. Please sign in again.";
    static final int CONFLICT = 409;

    @Inject
    Models models;

    @Inject
    Authentication authentication;

    @Inject
    Navigation navigation;

    @GET
    @SignedOut
    public Response form(@QueryParam("next") String next) {
        models.put("next", SafeRedirect.localPath(next));
        return Response.ok(VIEW).build();
    }

    @POST
    @StartsSession
    public Response signIn(@BeanParam SignInForm form) {
        String target = SafeRedirect.localPath(form.getNext());
        Outcome outcome = authentication.signIn(form.getUsername(), form.getPassword(), form.isRemember());
        if (outcome instanceof Outcome.Done) {
            return navigation.seeOther(target);
        }
        if (outcome instanceof Outcome.CodeNeeded) {
            return navigation.seeOther(SignInCodeController.path(target));
        }
        models.put("next", target);
        models.put("username", User.attempted(form.getUsername()));
        if (outcome instanceof Outcome.HeldBack held) {
            // Held back before any hashing: the same answer whether the account exists or not.
            models.put("error", Views.heldBackMessage(held.seconds()));
            return Views.heldBack(VIEW, held.seconds());
        }
        if (outcome instanceof Outcome.PasskeyNeeded) {
            models.put("error", PASSKEY_NEEDED); // a second factor is required: the password alone is no way in
            return Views.rejected(VIEW);
        }
        if (outcome instanceof Outcome.Superseded) {
            models.put("error", SUPERSEDED);
            return Response.status(CONFLICT).entity(VIEW).build();
        }
        // One message for unknown user and wrong password; no session is created for it.
        models.put("error", INVALID);
        return Response.ok(VIEW).build();
    }
}
