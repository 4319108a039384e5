package dev.signin.audit;

import dev.signin.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Logs a security event of a request: the client address (behind trusted proxies, the
 * forwarded one) and the session are taken from the request, so every event records them alike.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    Settings settings;

    /** userId may be null (a failed sign-in: then username is the attempted one). */
    public void log(Audit.Event event, Long userId, String username, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Audit.log(event, userId, username, settings.clientAddress(request), session == null ? null : session.getId());
    }
}
