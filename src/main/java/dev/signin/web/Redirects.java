package dev.signin.web;

import jakarta.ws.rs.core.Response;

/**
 * 303 See Other to a path of this app. The Location stays relative to the host the browser
 * used (no absolute URL built from the Host header) and includes the context path, so the WAR
 * also works when deployed under one.
 */
public final class Redirects {

    private Redirects() {
    }

    public static Response seeOther(String contextPath, String appPath) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", contextPath + appPath).build();
    }
}
