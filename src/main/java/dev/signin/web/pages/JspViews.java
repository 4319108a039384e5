package dev.signin.web.pages;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The views, rendered by the container's JSP servlet (named "jsp" in Payara, GlassFish and Tomcat)
 * when a controller or the error page forwards to them; nobody can ask for them (the container
 * answers 404 for /WEB-INF/). Mapped by prefix: see {@link UnservedPaths}, whose "/*" would
 * otherwise take the forwards before the JSP servlet's "*.jsp". It includes the JSP servlet rather
 * than forwarding to it: the request is a forward already, and the container would take a second,
 * nested forward of an error page for a new error (and dispatch its error page again, in a loop).
 * Status and headers are the controller's, as they were; an included page cannot set them.
 */
@WebServlet(urlPatterns = "/WEB-INF/views/*", loadOnStartup = 1)
public class JspViews extends HttpServlet {

    private transient RequestDispatcher jsp;

    @Override
    public void init() throws ServletException {
        jsp = getServletContext().getNamedDispatcher("jsp");
        if (jsp == null) {
            throw new ServletException("This server has no servlet named \"jsp\" to render the views");
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (response.getContentType() == null) {
            response.setContentType("text/html;charset=UTF-8");
        }
        jsp.include(request, response);
    }
}
