package dev.signin.sessions;

import dev.signin.audit.Audit;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** Marks a signed-in session ended in the registry, and logs it, when the container expires it. */
@WebListener
public class SessionExpiry implements HttpSessionListener {

    @Inject
    SessionRegistry registry;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        var session = event.getSession();
        // Sessions we end ourselves are already marked; what is left here ran out of time.
        if (registry.expired(session) && session.getAttribute(SessionRegistry.USER_ID) instanceof Long userId) {
            Audit.log(Audit.Event.SESSION_EXPIRED, userId, null, "-", session.getId());
        }
    }
}
