package dev.signin.web.session;

import dev.signin.config.Mode;
import dev.signin.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the session ids the container issues are strong (at least 128 random bits). At
 * start-up the app gives the container its own generator (unless signin.session-ids.replace is
 * false) and checks a sample of the ids the container then makes; each id issued at a sign-in is
 * checked again. Weak ids fail closed in production: nobody is signed in (503), readiness is DOWN,
 * and one SEVERE line says why. Dev mode only warns.
 */
@ApplicationScoped
public class SessionIds {

    private static final Logger LOG = Logger.getLogger(SessionIds.class.getName());
    private static final int SAMPLE = 8;

    @Inject
    Settings settings;

    /** Why the ids are weak; null while they are strong. */
    private final AtomicReference<String> problem = new AtomicReference<>();

    /** Thrown where a session would start while the ids are weak in production: the answer is 503. */
    public static class WeakException extends RuntimeException {
        WeakException() {
            super("weak session ids", null, false, false);
        }
    }

    void setUp(ServletContext context) {
        Object manager;
        try {
            manager = ContainerSessionIds.manager(context).orElse(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            manager = null;
        }
        if (settings.replaceSessionIds()) {
            if (manager == null) {
                weak("the app could not reach the container's session manager to give it a generator of 128-bit ids "
                        + "(this is not a Payara or GlassFish web container); on a server whose own ids are strong, "
                        + "set signin.session-ids.replace=false");
                return;
            }
            try {
                ContainerSessionIds.replaceGenerator(manager);
            } catch (ReflectiveOperationException | RuntimeException e) {
                weak("the app could not give the container's session manager (" + manager.getClass().getName()
                        + ") its generator of 128-bit ids: " + e);
                return;
            }
        }
        if (manager != null) {
            List<String> sample;
            try {
                sample = ContainerSessionIds.sample(manager, SAMPLE);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return; // cannot look ahead: each id issued at a sign-in is still checked
            }
            if (!SessionIdStrength.sampleLooksRandom(sample)) {
                weak(describe(sample.get(0)));
            }
        }
    }

    /** Each id the container issued for a session that signs someone in (or waits for a second step). */
    void check(String id) {
        if (!SessionIdStrength.strong(id)) {
            weak(describe(id));
        }
    }

    /** Production, weak ids: nobody may be signed in. */
    public boolean refusing() {
        return problem.get() != null && settings.mode() == Mode.PRODUCTION;
    }

    public Optional<String> problem() {
        return Optional.ofNullable(problem.get());
    }

    void refuseIfWeak() {
        if (refusing()) {
            throw new WeakException();
        }
    }

    private String describe(String id) {
        // The length and the bound only: an id itself is never logged.
        String source = settings.replaceSessionIds() ? "" : ", and the app's generator of 128 random bits is off "
                + "(signin.session-ids.replace=false; remove it, or set it to true)";
        return String.format("the container's own ids hold at most %.0f bits (%d characters), %d are required%s",
                Math.floor(SessionIdStrength.maxBits(id)), id == null ? 0 : id.length(), SessionIdStrength.REQUIRED_BITS, source);
    }

    /** Notes the first reason, and logs it once. */
    private void weak(String reason) {
        if (!problem.compareAndSet(null, reason)) {
            return;
        }
        if (settings.mode() == Mode.PRODUCTION) {
            LOG.log(Level.SEVERE, "Weak session ids: nobody can sign in (503) and /health/ready is DOWN until they are fixed: " + reason);
        } else {
            LOG.log(Level.WARNING, "Weak session ids (dev mode signs in anyway; production would refuse): " + reason);
        }
    }
}
