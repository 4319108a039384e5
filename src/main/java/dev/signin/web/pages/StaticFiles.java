package dev.signin.web.pages;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Set;

/**
 * The files under /assets/, served by the container's own file servlet (named "default" in Payara,
 * GlassFish and Tomcat), which sends them with Last-Modified and ETag. Mapped by prefix: see
 * {@link UnservedPaths}. A folder is 404, never the file servlet's redirect to it with a slash.
 */
@WebServlet(urlPatterns = "/assets/*", loadOnStartup = 1, asyncSupported = true)
public class StaticFiles extends HttpServlet {

    private transient RequestDispatcher files;

    @Override
    public void init() throws ServletException {
        files = getServletContext().getNamedDispatcher("default");
        if (files == null) {
            throw new ServletException("This server has no servlet named \"default\" to serve the files under /assets/");
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Set<String> folder = getServletContext().getResourcePaths(path); // empty for a file (the WAR has no empty folders)
        if (path.endsWith("/") || folder != null && !folder.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        files.forward(request, response);
    }
}
