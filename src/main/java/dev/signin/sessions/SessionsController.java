package dev.signin.sessions;

import dev.signin.audit.Audit;
import dev.signin.audit.AuditLog;
import dev.signin.auth.CurrentUser;
import dev.signin.auth.RememberMe;
import dev.signin.web.Flash;
import dev.signin.web.Redirects;
import dev.signin.web.SignedIn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** GET /account/sessions: the user's active sessions; POST to end one, or all others. */
@RequestScoped
@Controller
@Path("account/sessions")
@SignedIn
public class SessionsController {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @Inject
    Models models;

    @Inject
    CurrentUser currentUser;

    @Inject
    SessionRegistry registry;

    @Inject
    AuditLog audit;

    @Inject
    RememberMe rememberMe;

    @Context
    HttpServletResponse response;

    @Context
    HttpServletRequest request;

    @GET
    public String list() {
        long userId = currentUser.id().orElseThrow();
        models.put("sessions", registry.active(userId));
        models.put("current", registry.currentKey(request).orElse(""));
        models.put("when", WHEN);
        return "sessions/sessions.jsp";
    }

    @POST
    @Path("end")
    public Response endOne(@FormParam("session") String key) {
        long userId = currentUser.id().orElseThrow();
        if (key == null || key.length() > 64 || !registry.endOne(userId, key, SessionRegistry.Reason.ENDED_BY_USER)) {
            throw new NotFoundException(); // not a session of this user: nothing to say about it
        }
        audit.log(Audit.Event.SESSION_ENDED, userId, null, request);
        if (registry.currentKey(request).filter(key::equals).isPresent()) {
            rememberMe.revokeAll(request, response, userId);
            registry.end(request, SessionRegistry.Reason.ENDED_BY_USER);
            Flash.put(request, "You have been signed out.");
            return Redirects.seeOther(request.getContextPath(), "/sign-in");
        }
        // Its browser must not come back through a remember-me cookie either.
        rememberMe.revokeOthers(request, response, userId);
        Flash.put(request, "The session has been ended.");
        return Redirects.seeOther(request.getContextPath(), "/account/sessions");
    }

    @POST
    @Path("end-others")
    public Response endOthers() {
        long userId = currentUser.id().orElseThrow();
        int ended = registry.endAllBut(userId, registry.currentKey(request).orElse(null), SessionRegistry.Reason.ENDED_BY_USER);
        rememberMe.revokeOthers(request, response, userId);
        audit.log(Audit.Event.SESSION_ENDED, userId, null, request);
        Flash.put(request, ended == 1 ? "1 other session has been ended." : ended + " other sessions have been ended.");
        return Redirects.seeOther(request.getContextPath(), "/account/sessions");
    }
}
