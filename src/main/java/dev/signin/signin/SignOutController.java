package dev.signin.signin;

import dev.signin.auth.Authentication;
import dev.signin.web.pages.Navigation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** POST /sign-out (a GET is 405: a link or an image must not sign anyone out). */
// Controllers must be CDI beans for Krazo (the views, validation and CSRF hook in through CDI).
@RequestScoped
@Controller
@Path("sign-out")
public class SignOutController {

    @Inject
    Authentication authentication;

    @Inject
    Navigation navigation;

    @POST
    public Response signOut() {
        authentication.signOut();
        return navigation.seeOther("/sign-in", "You have been signed out.");
    }
}
