package dev.signin.web.access;

import dev.signin.web.pages.JsonAnswers;
import dev.signin.web.session.CsrfTokens;
import dev.signin.web.session.ServletClient;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The CSRF check of the {@link CsrfHeader} endpoints: the token Krazo keeps for this browser (in
 * its session, or the signed cookie of a visitor: {@link CsrfTokens}) must come in the
 * X-CSRF-TOKEN header, which a form of another site cannot send; 403 otherwise.
 */
@Provider
@CsrfHeader
@Priority(Priorities.AUTHORIZATION)
public class CsrfHeaderFilter implements ContainerRequestFilter {

    private static final CsrfTokens TOKENS = new CsrfTokens();

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        String sent = context.getHeaderString(CsrfTokens.HEADER);
        boolean valid = sent != null && TOKENS.getToken(request, ServletClient.responseOf(request), false)
                .filter(token -> MessageDigest.isEqual(token.getValue().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8)))
                .isPresent();
        if (!valid) {
            context.abortWith(JsonAnswers.error(403, "This page has expired. Please reload it and try again."));
        }
    }
}
