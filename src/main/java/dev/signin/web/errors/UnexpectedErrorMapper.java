package dev.signin.web.errors;

import dev.signin.auth.throttle.SignInThrottle;
import dev.signin.password.Argon2PasswordHash;
import dev.signin.web.requests.RequestSizeLimit;
import dev.signin.web.session.SessionIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line of defence: any exception becomes a bare status, which the container turns
 * into one of our error pages (web.xml). Never a stack trace in the browser.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException wae) {
            // 404, 405 (with its Allow header), 415 and friends: keep status and headers, drop any body.
            return Response.fromResponse(wae.getResponse()).entity(null).build();
        }
        if (causedBy(e, Argon2PasswordHash.BusyException.class) || causedBy(e, SignInThrottle.BusyException.class)) {
            // Too many password hashes, or sign-in attempts to count, at once (a flood): refuse quickly, ask to retry.
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", 1).build();
        }
        if (causedBy(e, java.io.UnsupportedEncodingException.class) || causedBy(e, java.nio.charset.UnsupportedCharsetException.class)) {
            // A form in a charset the JVM does not know (Content-Type: ...; charset=nonsense).
            return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).build();
        }
        if (causedBy(e, SessionIds.WeakException.class)) {
            // Production with weak session ids (logged once by SessionIds): nobody is signed in.
            request.setAttribute(DatabaseOutage.REASON, "session-ids");
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
        if (DatabaseOutage.isCause(e)) {
            LOG.log(Level.WARNING, "Database unavailable", e);
            request.setAttribute(DatabaseOutage.REASON, "database");
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", 5).build();
        }
        if (causedBy(e, RequestSizeLimit.BodyTooLargeException.class)) {
            return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).build();
        }
        if (isBadInput(e)) {
            LOG.log(Level.FINE, "Bad request", e);
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        LOG.log(Level.SEVERE, "Unexpected error", e);
        return Response.serverError().build();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Malformed requests that Jersey only notices while decoding (broken percent-encoding and the like). */
    private static boolean isBadInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof java.nio.charset.CharacterCodingException) {
                return true;
            }
        }
        return false;
    }
}
