package dev.signin.web.pages;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Answers of the few JSON endpoints (the passkey options, read by /assets/passkeys.js); never cached. */
public final class JsonAnswers {

    private JsonAnswers() {
    }

    public static Response ok(JsonObject body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }

    /** An error the script shows as it is: {"error": message}. */
    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                .entity(Json.createObjectBuilder().add("error", message).build().toString()).build();
    }

    /** 429 with Retry-After. */
    public static Response heldBack(long seconds) {
        return Response.fromResponse(error(Views.TOO_MANY_REQUESTS, Views.heldBackMessage(seconds))).header("Retry-After", seconds).build();
    }
}
