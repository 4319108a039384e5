package dev.signin.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Payara Micro and the Java that the integration tests boot: {@code -Dit.runtime=payara6}
 * (the default: the pom's payara.version on the JVM running the tests) or {@code payara7}
 * (Payara Micro 7 on Java 25: the pom's java25.home, from JAVA25_HOME or /usr/lib/jvm/temurin-25-jdk-amd64). The same
 * WAR, built for Jakarta EE 10 and Java 17, runs on both; the pom's second failsafe execution
 * runs a part of the suite on payara7.
 */
public record ServerRuntime(String name, Path microJar, Path java) {

    static final Path DEFAULT_JAVA25_HOME = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** The runtime of this test run, checked to be there (a missing one is a failure under CI=true). */
    public static ServerRuntime current() {
        String name = System.getProperty("it.runtime", "payara6");
        return switch (name) {
            case "payara6" -> new ServerRuntime(name, Path.of(PayaraMicro.required("payara.micro.jar")),
                    Path.of(System.getProperty("java.home"), "bin", "java"));
            case "payara7" -> new ServerRuntime(name, Path.of(PayaraMicro.required("payara7.micro.jar")),
                    java25().resolve("bin").resolve("java"));
            default -> throw new IllegalStateException("it.runtime=" + name + ": payara6 or payara7");
        };
    }

    public boolean isPayara7() {
        return name.equals("payara7");
    }

    private static Path java25() {
        // The pom passes java25.home (JAVA25_HOME where set); run outside Maven, the default path.
        String configured = System.getProperty("java25.home");
        Path home = configured == null || configured.isBlank() ? DEFAULT_JAVA25_HOME : Path.of(configured);
        if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
            String message = "Payara Micro 7 runs on Java 25, and there is none at " + home
                    + " (set JAVA25_HOME to a JDK 25)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + ": missing under CI=true");
            }
            Assumptions.abort("Skipped: " + message);
        }
        return home;
    }
}
