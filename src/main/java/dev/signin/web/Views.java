package dev.signin.web;

import jakarta.ws.rs.core.Response;

/** Answers that render a view. */
public final class Views {

    /** 422: the form was understood but its values were refused; the page says why, next to each field. */
    public static final int UNPROCESSABLE = 422;

    private Views() {
    }

    public static Response rejected(String view) {
        return Response.status(UNPROCESSABLE, "Unprocessable Content").entity(view).build();
    }
}
