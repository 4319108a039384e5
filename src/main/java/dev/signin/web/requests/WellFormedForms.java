package dev.signin.web.requests;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Every POST of the app takes a form (the JSON endpoints too: /assets/passkeys.js posts forms to
 * them), so before anything reads a body, it must be one: application/x-www-form-urlencoded in
 * UTF-8 (415 otherwise, a missing Content-Type included), with well-formed percent-encoding of
 * valid UTF-8 (400 otherwise). Without this, a body of another type with the CSRF token in the
 * X-CSRF-TOKEN header passed Krazo's check (the header is enough for it), and then Jersey failed
 * to read the form fields: a 500 and some 90 KB of stack traces in the log for each request.
 * Runs before the sign-in guards and the CSRF checks, so the answer is the same for everyone;
 * logs nothing (the client's mistake, not ours), but one short line for a body that broke off.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 50)
public class WellFormedForms implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(WellFormedForms.class.getName());

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod())) {
            return;
        }
        if (!isUtf8Form(request.getHeaderString("Content-Type"))) {
            request.abortWith(Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).build());
            return;
        }
        byte[] body;
        try {
            // At most RequestSizeLimit.MAX_BODY_BYTES: a longer body was refused before it got here.
            body = request.getEntityStream().readAllBytes();
        } catch (RequestSizeLimit.BodyTooLargeException e) {
            request.abortWith(Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).build());
            return;
        } catch (IOException e) {
            LOG.info(() -> "A request body could not be read: " + e);
            request.abortWith(Response.status(Response.Status.BAD_REQUEST).build());
            return;
        }
        if (!isWellFormed(body)) {
            request.abortWith(Response.status(Response.Status.BAD_REQUEST).build());
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    /** application/x-www-form-urlencoded, with no charset or UTF-8 (what browsers and passkeys.js send). */
    static boolean isUtf8Form(String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        return type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE) && !type.isWildcardType() && !type.isWildcardSubtype()
                && (charset == null || charset.equalsIgnoreCase("UTF-8"));
    }

    /** Fields separated by '&', each a name and maybe '=' and a value, percent-encoded, decoding to valid UTF-8. */
    static boolean isWellFormed(byte[] body) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(body.length);
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b == '&' || b == '=') {
                if (!isUtf8(decoded.toByteArray())) {
                    return false;
                }
                decoded.reset();
            } else if (b == '%') {
                if (i + 2 >= body.length || Character.digit(body[i + 1], 16) < 0 || Character.digit(body[i + 2], 16) < 0) {
                    return false;
                }
                decoded.write(Character.digit(body[i + 1], 16) << 4 | Character.digit(body[i + 2], 16));
                i += 2;
            } else {
                decoded.write(b);
            }
        }
        return isUtf8(decoded.toByteArray());
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
