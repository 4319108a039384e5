package dev.signin.testing;

import dev.signin.SigninApplication;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;

/**
 * The app's pages and endpoints as its code declares them: every resource method of the classes
 * SigninApplication lists, by HTTP method. Tests that must cover every endpoint take their list
 * from here, so a new endpoint is covered the day it is added.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /** The paths that answer POST, e.g. "/sign-in", "/account/passkeys/options". */
    public static Set<String> posts() {
        return paths(POST.class);
    }

    /** The paths that answer GET. */
    public static Set<String> gets() {
        return paths(GET.class);
    }

    private static Set<String> paths(Class<? extends Annotation> method) {
        Set<String> paths = new TreeSet<>();
        for (Class<?> resource : new SigninApplication().getClasses()) {
            Path base = resource.getAnnotation(Path.class);
            if (base == null) {
                continue; // a provider, not a resource
            }
            for (Method m : resource.getMethods()) {
                if (m.isAnnotationPresent(method)) {
                    Path sub = m.getAnnotation(Path.class);
                    String path = join(base.value(), sub == null ? "" : sub.value());
                    if (path.contains("{")) {
                        throw new IllegalStateException(path + ": a path template; give the tests a value for it");
                    }
                    paths.add(path);
                }
            }
        }
        return paths;
    }

    private static String join(String base, String sub) {
        String path = "/" + strip(base) + (strip(sub).isEmpty() ? "" : "/" + strip(sub));
        return path.equals("/") ? path : path.replaceAll("/+$", "");
    }

    private static String strip(String segment) {
        return segment.replaceAll("^/+|/+$", "");
    }
}
