package dev.signin.web.session;

import dev.signin.auth.Authentication;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** Tells the authentication core when the container drops a signed-in session by itself (idle timeout). */
@WebListener
public class SessionExpiry implements HttpSessionListener {

    @Inject
    Authentication authentication;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        var session = event.getSession();
        // Sessions ended by the app are already marked ended; what is left here ran out of time.
        if (session.getAttribute(ServletClient.USER_ID) instanceof Long userId
                && session.getAttribute(ServletClient.KEY) instanceof String key) {
            authentication.expired(userId, key, session.getId());
        }
    }
}
