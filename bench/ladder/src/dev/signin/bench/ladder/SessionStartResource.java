package dev.signin.bench.ladder;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /ladder/start}: makes the session that rung 4 reads. A plain resource, not an MVC
 * controller, so that no runtime's CSRF default (MVC 2.1's or 3.0's) stands in the way.
 */
@Path("start")
@RequestScoped
public class SessionStartResource {

    @Context
    HttpServletRequest request;

    @POST
    public Response start() {
        request.getSession(true).setAttribute(SessionPageController.USER, 42L);
        return Response.noContent().build();
    }
}
