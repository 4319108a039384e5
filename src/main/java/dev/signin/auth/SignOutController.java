package dev.signin.auth;

import dev.signin.audit.Audit;
import dev.signin.audit.AuditLog;
import dev.signin.sessions.SessionRegistry;
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
    RememberMe rememberMe;

    @Inject
    SessionRegistry sessions;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @POST
    public Response signOut() {
        // Revoke every remember-me cookie of this user, not only this browser's copy.
        currentUser.id().ifPresentOrElse(id -> rememberMe.revokeAll(request, response, id),
                () -> rememberMe.clear(request, response));
        audit.log(Audit.Event.SIGN_OUT, currentUser.id().orElse(null), null, request);
        sessions.end(request, SessionRegistry.Reason.SIGNED_OUT);
        // What this site left in the browser goes too (cookies are removed one by one above: clearing
        // them all here would also drop the fresh session that carries the notice).
        response.setHeader("Clear-Site-Data", "\"cache\", \"storage\"");
        Flash.put(request, "You have been signed out.");
        return Redirects.seeOther(request.getContextPath(), "/sign-in");
    }
}
