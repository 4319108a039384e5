package dev.signin.web.pages;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The servlet of every path that no other servlet takes: 404, after our filters ran (the app's
 * pages are answered by Jersey, a filter in front of it). With it, every path maps to a servlet by
 * prefix ({@link StaticFiles} for /assets/, {@link JspViews} for the views, this for the rest),
 * so the container never falls back to its default mapping, where it answers a path naming a
 * folder of the WAR (/assets, /WEB-INF, or /assets/.. once Payara has cut the parameter off
 * /assets/..;/x) itself, before any filter, with a 301 to an absolute URL built from the Host
 * header and none of our headers.
 */
@WebServlet(urlPatterns = "/*", asyncSupported = true)
public class UnservedPaths extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
