package dev.signin.web.pages;

import jakarta.ws.rs.core.Response;

/** Answers that render a view. */
public final class Views {

    /** 422: the form was understood but its values were refused; the page says why, next to each field. */
    public static final int UNPROCESSABLE = 422;

    private Views() {
    }

    public static final int TOO_MANY_REQUESTS = 429;

    public static Response rejected(String view) {
        return Response.status(UNPROCESSABLE, "Unprocessable Content").entity(view).build();
    }

    /** 429 with Retry-After: a password check held back by the throttle; the page says how long to wait. */
    public static Response heldBack(String view, long seconds) {
        return Response.status(TOO_MANY_REQUESTS, "Too Many Requests").header("Retry-After", seconds).entity(view).build();
    }

    /** What a page held back after failed password checks says. */
    public static String heldBackMessage(long seconds) {
        return heldBackMessage("Too many failed attempts.", seconds);
    }

    /** What a held-back page says: why, and how long to wait. */
    public static String heldBackMessage(String why, long seconds) {
        return why + " Please wait " + seconds + (seconds == 1 ? " second" : " seconds") + " and try again.";
    }
}
