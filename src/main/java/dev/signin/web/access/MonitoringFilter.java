package dev.signin.web.access;

import dev.signin.config.Settings;
import dev.signin.web.session.ClientAddress;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards {@link MonitoringOnly} resources: served to a client address listed in
 * signin.metrics.addresses, or to a request with {@code Authorization: Bearer <signin.metrics.token>};
 * to anyone else they do not exist (404). With neither setting, to nobody.
 */
@Provider
@MonitoringOnly
@Priority(Priorities.AUTHORIZATION)
public class MonitoringFilter implements ContainerRequestFilter {

    @Inject
    Settings settings;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        if (!settings.metricsAddresses().contains(ClientAddress.of(request, settings.trustedProxies()))
                && !bearerMatches(context.getHeaderString("Authorization"))) {
            throw new NotFoundException();
        }
    }

    private boolean bearerMatches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return settings.metricsToken()
                .map(token -> MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), presented))
                .orElse(false);
    }
}
