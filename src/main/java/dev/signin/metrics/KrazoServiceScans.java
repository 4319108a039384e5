package dev.signin.metrics;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Reads the class-path search count of the patched {@code org.eclipse.krazo.util.ServiceLoaders}
 * (src/krazo-patch). Empty when the server runs Krazo's own copy, which has no such count: that
 * copy searches on every call, so the metric's absence is itself the warning.
 */
final class KrazoServiceScans {

    private KrazoServiceScans() {
    }

    static Optional<Method> counter() {
        try {
            Class<?> loaders = Class.forName("org.eclipse.krazo.util.ServiceLoaders");
            return Optional.of(loaders.getMethod("scans"));
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return Optional.empty();
        }
    }

    static long read(Method counter) {
        try {
            return (Long) counter.invoke(null);
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }
}
