package dev.signin.auth;

import dev.signin.account.UserRepository;
import dev.signin.web.Flash;
import dev.signin.web.Redirects;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/** POST /sign-out (a GET is 405: a link or an image must not sign anyone out). */
// Controllers must be CDI beans for Krazo (the views, validation and CSRF hook in through CDI).
@RequestScoped
@Controller
@Path("sign-out")
public class SignOutController {

    @Inject
    CurrentUser currentUser;

    @Inject
    UserRepository users;

    @Inject
    RememberMe rememberMe;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @POST
    public Response signOut() {
        // Revoke every remember-me cookie of this user, not only this browser's copy.
        currentUser.id().ifPresent(users::raiseTokenVersion);
        rememberMe.clear(request, response);
        SignedInSessions.end(request);
        Flash.put(request, "You have been signed out.");
        return Redirects.seeOther(request.getContextPath(), "/sign-in");
    }
}
