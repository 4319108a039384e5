package dev.signin.krazopatch;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The patched org.eclipse.krazo.util.ServiceLoaders (src/krazo-patch), loaded on its own from
 * target/krazo-patch-classes with nothing but the JDK above it, as on the boot class path:
 * Krazo's answer (providers by descending priority) with one class-path search per service.
 */
class ServiceLoadersPatchTest {

    static Method list;
    static Method scans;

    @BeforeAll
    static void loadThePatchAlone() throws Exception {
        Path classes = Path.of("target", "krazo-patch-classes");
        assertTrue(Files.isDirectory(classes), "compiled by the krazo-patch execution of maven-compiler-plugin");
        URLClassLoader alone = new URLClassLoader(new URL[]{classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> patched = alone.loadClass("org.eclipse.krazo.util.ServiceLoaders");
        assertEquals(alone, patched.getClassLoader(), "the patch, not Krazo's copy");
        list = patched.getMethod("list", Class.class);
        scans = patched.getMethod("scans");
    }

    @SuppressWarnings("unchecked")
    static List<Greeting> greetings() throws Exception {
        return (List<Greeting>) list.invoke(null, Greeting.class);
    }

    @Test
    void providersComeHighestPriorityFirstAndUnannotatedLast() throws Exception {
        assertEquals(List.of("high", "low", "none"), greetings().stream().map(Greeting::text).toList());
    }

    @Test
    void theClassPathIsSearchedOncePerServiceAndEachCallGetsNewInstances() throws Exception {
        List<Greeting> first = greetings();
        long after = (Long) scans.invoke(null);
        for (int i = 0; i < 100; i++) {
            greetings();
        }
        List<Greeting> later = greetings();
        assertEquals(after, (Long) scans.invoke(null), "no search after the first");
        assertNotSame(first.get(0), later.get(0), "a new provider instance per call, as Krazo's own does");
    }

    @Test
    void anotherContextClassLoaderIsSearchedAgain() throws Exception {
        greetings();
        long before = (Long) scans.invoke(null);
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(new URLClassLoader(new URL[0], original));
        try {
            assertEquals(3, greetings().size());
        } finally {
            thread.setContextClassLoader(original);
        }
        assertEquals(before + 1, (Long) scans.invoke(null));
    }
}
