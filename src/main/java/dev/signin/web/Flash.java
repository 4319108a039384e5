package dev.signin.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * A notice shown once on the page after a redirect ("Your password has been changed"), then
 * gone. Kept in the session as a String (Serializable, so it survives replication).
 */
public final class Flash {

    static final String ATTRIBUTE = "signin.flash";

    private Flash() {
    }

    /** Leaves a notice for the next page; starts a session if there is none (e.g. right after sign-out). */
    public static void put(HttpServletRequest request, String notice) {
        request.getSession(true).setAttribute(ATTRIBUTE, notice);
    }

    /** The notice, removed so that a reload does not show it again. */
    public static String take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Object notice = session.getAttribute(ATTRIBUTE);
        if (notice != null) {
            session.removeAttribute(ATTRIBUTE);
        }
        return notice instanceof String s ? s : null;
    }
}
