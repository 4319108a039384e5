package dev.signin.web.pages;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * JSP tag handlers (JSTL's c:if, c:out...) are made with a plain constructor instead of through
 * Payara's injection manager.
 *
 * <p>Why: Payara creates each tag handler as a CDI managed object, which fires a
 * ProcessInjectionTarget event and builds an interception model every time, and a tag file
 * (our layout.tag) gets new handlers on every use because tag files have no handler pool. That
 * was about a sixth of the profile page's CPU time. None of our tag handlers has anything to
 * inject; if you add one that needs {@code @Inject}, remove this listener and keep such tags
 * out of tag files instead.
 *
 * <p>How: Payara hands the JSP engine its injector in this servlet-context attribute; without
 * it, the engine instantiates handlers itself.
 */
@WebListener
public class PlainTagHandlers implements ServletContextListener {

    static final String JSP_RESOURCE_INJECTOR = "com.sun.appserv.jsp.resource.injector";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().removeAttribute(JSP_RESOURCE_INJECTOR);
    }
}
