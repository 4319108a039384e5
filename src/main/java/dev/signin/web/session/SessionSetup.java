package dev.signin.web.session;

import dev.signin.config.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * The session settings that depend on configuration, and the session ids (see {@link SessionIds}); the fixed ones (cookie name, HttpOnly,
 * cookie-only tracking, SameSite) are in web.xml and glassfish-web.xml.
 */
@WebListener
public class SessionSetup implements ServletContextListener {

    @Inject
    Settings settings;

    @Inject
    SessionIds sessionIds;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        var context = event.getServletContext();
        context.setSessionTimeout((int) settings.sessionTimeout().toMinutes());
        sessionIds.setUp(context); // 128-bit ids made by the WAR itself, checked
        if (settings.https()) {
            // __Host-: the browser keeps it only if Secure, Path=/ and without Domain.
            var cookie = context.getSessionCookieConfig();
            cookie.setName("__Host-" + cookie.getName());
            cookie.setSecure(true);
            cookie.setPath("/");
        }
    }
}
