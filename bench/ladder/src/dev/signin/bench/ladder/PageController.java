package dev.signin.bench.ladder;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Rung 3: an empty Krazo controller rendering a trivial JSP; no session. */
@Path("page")
@Controller
@RequestScoped
public class PageController {

    @Inject
    Models models;

    @GET
    public String page() {
        models.put("name", "Ladder");
        return "page.jsp";
    }
}
