package dev.signin.web.requests;

import dev.signin.web.session.Cookies;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Requests refused before anything else reads them, each with our error page and the security
 * headers (mapped in web.xml right after {@code web.headers.SecurityHeaders}):
 * <ul>
 * <li>a body sent with Transfer-Encoding (chunked) instead of a Content-Length: 411, and the
 * connection is closed. Forms never need it, and it is the only way to refuse Content-Length and
 * Transfer-Encoding together (RFC 9112 6.3: a way to smuggle a second request past a proxy that
 * reads the other header): the server's HTTP layer lets chunked win, drops Content-Length before
 * the app sees it, and would keep the connection for the bytes after the chunked body;</li>
 * <li>a static file asked for with any method but GET or HEAD (the container's default servlet
 * would answer OPTIONS with its own list, POST with the file): 405;</li>
 * <li>a request that may carry a planted session or token ({@link #mayCarryAPlantedSession}; not
 * for static files, which read none): 400;</li>
 * <li>a path that is not plain segments (see {@link #isPlainPath}): 400. The container cuts a path
 * at its first ';' and resolves dot segments, and what it then maps differs from what the filters
 * and Jersey read ("/assets/..;/x" was the container's folder redirect, "/assets/app.css;x" the
 * file, "/sign-in;x" the page): no page of the app needs any of it.</li>
 * </ul>
 */
public class RefusedRequests extends HttpFilter {

    static final String STATIC_FILES = "/assets/";

    /** '.', '/', ';', '\\' and '%' percent-encoded. */
    private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(2[eEfF5]|3[bB]|5[cC])");

    /** Whether the request asks for a static file (the container's default servlet serves them). */
    public static boolean isStaticFile(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + STATIC_FILES);
    }

    /**
     * Whether a path, as the request line has it (not decoded), is plain segments: no ';'
     * parameters, no "." or ".." segment, no empty segment ("//"), no backslash, and none of these
     * characters percent-encoded, nor '%' itself (a second round of decoding). A last "/" is fine.
     */
    static boolean isPlainPath(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.contains(";") || rawPath.contains("\\")
                || rawPath.contains("//") || ENCODED_SEPARATOR.matcher(rawPath).find()) {
            return false;
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Two cookies of one of the app's names ({@link Cookies#duplicated}), or a session id in the URL
     * (";signin_session=...", the session cookie's name, which Payara takes out of the path before
     * anyone sees it and honours when the browser sends no session cookie, cookie-only tracking or
     * not): either way the session or token the request would be taken for may be someone else's.
     * The authentication mechanism recognises nobody in such a request, and this filter refuses it.
     */
    public static boolean mayCarryAPlantedSession(HttpServletRequest request) {
        return request.isRequestedSessionIdFromURL() || Cookies.duplicated(request);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getHeader("Transfer-Encoding") != null && request.getProtocol().startsWith("HTTP/1.")) {
            response.setHeader("Connection", "close");
            response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED);
            return;
        }
        if (!isPlainPath(request.getRequestURI()) || !isStaticFile(request) && mayCarryAPlantedSession(request)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
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
