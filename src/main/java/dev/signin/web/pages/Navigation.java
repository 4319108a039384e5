package dev.signin.web.pages;

import dev.signin.config.Settings;
import dev.signin.web.session.ServletClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;

/**
 * 303 See Other to a path of this app, optionally with a notice for the next page. The Location
 * stays relative to the host the browser used (no absolute URL built from the Host header) and
 * includes the context path, so the WAR also works when deployed under one.
 */
@RequestScoped
public class Navigation {

    @Inject
    HttpServletRequest request;

    @Inject
    Settings settings;

    public Response seeOther(String appPath) {
        return to(request.getContextPath(), appPath);
    }

    /** With a notice shown once on the next page ({@link Flash}). */
    public Response seeOther(String appPath, String notice) {
        Flash.put(request, ServletClient.responseOf(request), settings, notice);
        return seeOther(appPath);
    }

    public static Response to(String contextPath, String appPath) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", contextPath + appPath).build();
    }
}
