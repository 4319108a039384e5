package dev.signin.sessions;

import dev.signin.auth.Authentication;
import dev.signin.web.access.SignedIn;
import dev.signin.web.pages.Navigation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
    Authentication authentication;

    @Inject
    Navigation navigation;

    @GET
    public String list() {
        models.put("sessions", authentication.activeSessions());
        models.put("current", authentication.currentSessionKey().orElse(""));
        models.put("when", WHEN);
        return "sessions/sessions.jsp";
    }

    @POST
    @Path("end")
    public Response endOne(@FormParam("session") String key) {
        return switch (authentication.endSession(key)) {
            case THIS_SESSION -> navigation.seeOther("/sign-in", "You have been signed out.");
            case OTHER_SESSION -> navigation.seeOther("/account/sessions", "The session has been ended.");
            case NOT_FOUND -> throw new NotFoundException(); // not a session of this user: nothing to say about it
        };
    }

    @POST
    @Path("end-others")
    public Response endOthers() {
        int ended = authentication.endOtherSessions();
        return navigation.seeOther("/account/sessions",
                ended == 1 ? "1 other session has been ended." : ended + " other sessions have been ended.");
    }
}
