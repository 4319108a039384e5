package dev.signin.bench.ladder;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

/**
 * Rung 4: rung 3 plus a session that the request only reads, as signin's pages read the user's id.
 * {@link SessionStartResource} makes the session once, before the load.
 */
@Path("session")
@Controller
@RequestScoped
public class SessionPageController {

    static final String USER = "ladder.user";

    @Inject
    Models models;

    @Context
    HttpServletRequest request;

    @GET
    public String page() {
        HttpSession session = request.getSession(false);
        Object user = session == null ? null : session.getAttribute(USER);
        if (user == null) {
            throw new jakarta.ws.rs.NotAuthorizedException("no session");
        }
        models.put("name", "User " + user);
        return "page.jsp";
    }
}
