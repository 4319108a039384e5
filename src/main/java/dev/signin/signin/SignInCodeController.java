package dev.signin.signin;

import dev.signin.auth.Authentication;
import dev.signin.auth.Outcome;
import dev.signin.web.access.SignedOut;
import dev.signin.web.access.StartsSession;
import dev.signin.web.pages.Navigation;
import dev.signin.web.pages.SafeRedirect;
import dev.signin.web.pages.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * GET and POST /sign-in/code: the second step of a sign-in for an account with two-step
 * verification (a code of its authenticator app, or a recovery code). Only a browser whose right
 * password was given here in the last five minutes gets the form; anyone else goes to /sign-in.
 */
@RequestScoped
@Controller
@Path("sign-in/code")
public class SignInCodeController {

    static final String VIEW = "signin/sign-in-code.jsp";
    static final String WRONG = "That code is not right, or it was used already. Please try again.";
    static final String EXPIRED = "Your sign-in took too long. Please sign in again.";

    @Inject
    Models models;

    @Inject
    Authentication authentication;

    @Inject
    Navigation navigation;

    /** Where the password step sends the browser, carrying where to go at the end. */
    static String path(String next) {
        return "/".equals(next) ? "/sign-in/code" : "/sign-in/code?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    @GET
    @SignedOut
    public Response form(@QueryParam("next") String next) {
        String target = SafeRedirect.localPath(next);
        if (!authentication.awaitsCode()) {
            return navigation.seeOther("/sign-in" + (target.equals("/") ? "" : "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8)));
        }
        models.put("next", target);
        return Response.ok(VIEW).build();
    }

    @POST
    @StartsSession
    public Response submit(@FormParam("code") String code, @FormParam("next") String next) {
        String target = SafeRedirect.localPath(next);
        Outcome outcome = authentication.completeSignIn(code == null ? "" : code);
        if (outcome instanceof Outcome.Done) {
            return navigation.seeOther(target);
        }
        if (outcome instanceof Outcome.Expired || outcome instanceof Outcome.Superseded) {
            return navigation.seeOther("/sign-in", EXPIRED);
        }
        models.put("next", target);
        if (outcome instanceof Outcome.HeldBack held) {
            models.put("error", Views.heldBackMessage(held.seconds()));
            return Views.heldBack(VIEW, held.seconds());
        }
        models.put("error", WRONG);
        return Views.rejected(VIEW);
    }
}
