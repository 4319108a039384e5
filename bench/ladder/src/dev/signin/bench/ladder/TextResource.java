package dev.signin.bench.ladder;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Rung 2: a plain Jakarta REST resource, request-scoped like signin's controllers. */
@Path("text")
@RequestScoped
public class TextResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String text() {
        return "ladder";
    }
}
