package org.eclipse.krazo.util;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * signin's replacement for Eclipse Krazo 3.0.1's {@code ServiceLoaders}: the same answer, but
 * the class path is searched once per class loader and service type instead of on every call.
 *
 * <p>Krazo calls {@link #list} several times per request (request and response unwrapping, the
 * session CSRF token strategy, the form-method filter). Each call ran a new
 * {@link ServiceLoader}, which on Payara Micro asks all ~320 runtime jars for the service file:
 * most of a page's CPU time. This class remembers which provider classes were found and makes
 * new instances of them on each call, as the original did.
 *
 * <p>It is loaded ahead of Krazo's own copy from the JVM's boot class path
 * ({@code -Xbootclasspath/a:} in server-config/run-*.args, the test harness and the Dockerfile),
 * so it may use nothing but the JDK: the {@code jakarta.annotation.Priority} annotation is read
 * by name.
 */
public final class ServiceLoaders {

    private static final String PRIORITY = "jakarta.annotation.Priority";

    // Weak keys, so that an undeployed application's class loader can go away. Not if the
    // application itself provides one of Krazo's services: its constructors, kept here, hold
    // its loader. Krazo's own providers come with the server.
    private static final Map<ClassLoader, Map<Class<?>, List<Constructor<?>>>> PROVIDERS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private static final AtomicLong SCANS = new AtomicLong();

    private ServiceLoaders() {
    }

    /** The providers of a service through the context class loader, highest priority first. */
    public static <T> List<T> list(Class<T> type) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Constructor<?>> constructors = PROVIDERS
                .computeIfAbsent(loader, l -> new ConcurrentHashMap<>())
                .computeIfAbsent(type, t -> find(t, loader));
        List<T> providers = new ArrayList<>(constructors.size());
        for (Constructor<?> constructor : constructors) {
            providers.add(type.cast(instantiate(type, constructor)));
        }
        return providers;
    }

    /**
     * How many times the class path was searched: once per class loader and service type, so it
     * stops growing after the first pages. signin's /metrics shows it (signin_krazo_service_scans).
     */
    public static long scans() {
        return SCANS.get();
    }

    private static List<Constructor<?>> find(Class<?> type, ClassLoader loader) {
        SCANS.incrementAndGet();
        List<Class<?>> classes = new ArrayList<>();
        ServiceLoader.load(type, loader).stream().forEach(provider -> classes.add(provider.type()));
        classes.sort(Comparator.comparingInt(ServiceLoaders::priority).reversed());
        List<Constructor<?>> constructors = new ArrayList<>(classes.size());
        for (Class<?> c : classes) {
            try {
                constructors.add(c.getConstructor());
            } catch (NoSuchMethodException e) {
                throw new ServiceConfigurationError(type.getName() + ": provider " + c.getName()
                        + " has no public no-argument constructor", e);
            }
        }
        return List.copyOf(constructors);
    }

    private static Object instantiate(Class<?> type, Constructor<?> constructor) {
        try {
            return constructor.newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new ServiceConfigurationError(type.getName() + ": provider "
                    + constructor.getDeclaringClass().getName() + " could not be instantiated", e);
        }
    }

    /** The value of a jakarta.annotation.Priority on the class, 0 without one (as in Krazo). */
    private static int priority(Class<?> c) {
        for (Annotation a : c.getAnnotations()) {
            if (a.annotationType().getName().equals(PRIORITY)) {
                try {
                    return (Integer) a.annotationType().getMethod("value").invoke(a);
                } catch (ReflectiveOperationException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
