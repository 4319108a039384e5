package dev.signin.web.session;

import jakarta.servlet.ServletContext;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The session manager of this web app inside a Catalina-based container (Payara, GlassFish),
 * reached by reflection, since no API offers it: the WAR gives it a generator of 128-bit ids, so
 * that nothing has to sit beside the WAR on the server's class path. Payara takes its generator
 * from ManagerBase's {@code uuidGenerator} for every id (new sessions, changed ids, in memory or
 * replicated); its own is 28 hex digits with about 56 random bits.
 */
final class ContainerSessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private ContainerSessionIds() {
    }

    /** 128 bits from SecureRandom, as 32 hex digits. */
    static String next() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HEX.formatHex(id);
    }

    /**
     * The container's session manager of this app: the ServletContext is a facade over
     * Catalina's ApplicationContext, itself over the StandardContext that has the manager.
     */
    static Optional<Object> manager(ServletContext context) throws ReflectiveOperationException {
        Object at = context;
        for (int depth = 0; depth < 4 && at != null; depth++) {
            Optional<Method> getManager = method(at.getClass(), "getManager", 0);
            if (getManager.isPresent()) {
                return Optional.ofNullable(getManager.get().invoke(at));
            }
            Optional<Field> inner = field(at.getClass(), "context");
            if (inner.isEmpty()) {
                return Optional.empty();
            }
            at = inner.get().get(at);
        }
        return Optional.empty();
    }

    /**
     * Gives the manager our generator, as an implementation of the container's own UuidGenerator
     * interface (a proxy: the WAR cannot see that interface), and checks that it took it.
     */
    static void replaceGenerator(Object manager) throws ReflectiveOperationException {
        Method set = method(manager.getClass(), "setUuidGenerator", 1)
                .orElseThrow(() -> new NoSuchMethodException(manager.getClass().getName() + ".setUuidGenerator"));
        Class<?> generatorType = set.getParameterTypes()[0];
        InvocationHandler ids = (proxy, called, args) -> switch (called.getName()) {
            case "generateUuid" -> next();
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "signin: 128 random bits";
            default -> throw new UnsupportedOperationException(called.getName());
        };
        Object generator = Proxy.newProxyInstance(generatorType.getClassLoader(), new Class<?>[]{generatorType}, ids);
        set.invoke(manager, generator);
        Optional<Method> get = method(manager.getClass(), "getUuidGenerator", 0);
        if (get.isPresent() && get.get().invoke(manager) != generator) {
            throw new IllegalStateException(manager.getClass().getName() + " did not keep the generator");
        }
    }

    /** Ids as the manager makes them for sessions (its own generateSessionId), without making a session. */
    static List<String> sample(Object manager, int count) throws ReflectiveOperationException {
        Method generate = method(manager.getClass(), "generateSessionId", 0)
                .orElseThrow(() -> new NoSuchMethodException(manager.getClass().getName() + ".generateSessionId"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add((String) generate.invoke(manager));
        }
        return ids;
    }

    /** A method of the class or a superclass, public or not, by name and number of parameters. */
    private static Optional<Method> method(Class<?> type, String name, int parameters) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == parameters) {
                    m.setAccessible(true);
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Field> field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return Optional.of(f);
            } catch (NoSuchFieldException notHere) {
                // look further up
            }
        }
        return Optional.empty();
    }
}
