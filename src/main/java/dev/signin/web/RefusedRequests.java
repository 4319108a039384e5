package dev.signin.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Requests refused before anything else reads them, each with our error page and the security
 * headers (mapped in web.xml right after {@link SecurityHeaders}):
 * <ul>
 * <li>a body sent with Transfer-Encoding (chunked) instead of a Content-Length: 411, and the
 * connection is closed. Forms never need it, and it is the only way to refuse Content-Length and
 * Transfer-Encoding together (RFC 9112 6.3: a way to smuggle a second request past a proxy that
 * reads the other header): the server's HTTP layer lets chunked win, drops Content-Length before
 * the app sees it, and would keep the connection for the bytes after the chunked body;</li>
 * <li>a static file asked for with any method but GET or HEAD (the container's default servlet
 * would answer OPTIONS with its own list, POST with the file): 405.</li>
 * </ul>
 */
public class RefusedRequests extends HttpFilter {

    static final String STATIC_FILES = "/assets/";

    /** Whether the request asks for a static file (the container's default servlet serves them). */
    static boolean isStaticFile(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + STATIC_FILES);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getHeader("Transfer-Encoding") != null && request.getProtocol().startsWith("HTTP/1.")) {
            response.setHeader("Connection", "close");
            response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED);
            return;
        }
        String method = request.getMethod();
        if (isStaticFile(request) && !"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        chain.doFilter(request, response);
    }
}
