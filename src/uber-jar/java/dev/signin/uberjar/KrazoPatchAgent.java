package dev.signin.uberjar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * Puts the Krazo fix (src/krazo-patch) on the JVM's boot class path when target/signin-micro.jar
 * is started with {@code java -jar}, so that nobody has to pass {@code -Xbootclasspath/a:}.
 *
 * <p>The uber JAR's manifest names this class as its {@code Launcher-Agent-Class}: the JVM runs
 * {@link #agentmain} before Payara Micro's main, so before any Krazo class is loaded. The patch
 * jar travels inside the uber JAR ({@value #PATCH}); the boot class path takes only files, so
 * it is copied to a temporary file first. Any failure stops the start: without the fix the app
 * would run, but search the class path several times on every request.
 *
 * <p>Compiled on its own, against the JDK only (pom.xml, uber-jar-agent): it is not part of the WAR.
 */
public final class KrazoPatchAgent {

    /** Where the patch jar sits inside the uber JAR: at its root, outside MICRO-INF, which Payara reads. */
    static final String PATCH = "signin-krazo-patch.jar";

    private KrazoPatchAgent() {
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        try (InputStream patch = KrazoPatchAgent.class.getClassLoader().getResourceAsStream(PATCH)) {
            if (patch == null) {
                throw new IllegalStateException(PATCH + " is missing from the uber JAR");
            }
            Path copy = Files.createTempFile("signin-krazo-patch-", ".jar");
            copy.toFile().deleteOnExit();
            Files.copy(patch, copy, StandardCopyOption.REPLACE_EXISTING);
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(copy.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not put the Krazo fix on the boot class path", e);
        }
    }
}
