package dev.signin;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Docker image runs the Payara version the tests ran: the pom's payara.version. */
class DockerfileTest {

    @Test
    void theBaseImageTagMatchesThePomsPayaraVersion() throws Exception {
        String pomVersion = System.getProperty("payara.version");
        assertNotNull(pomVersion, "surefire passes payara.version from the pom");
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        // The base is a build argument (the tests build on a local stand-in) whose default is the official image.
        Matcher from = Pattern.compile("(?m)^ARG\\s+BASE_IMAGE=payara/micro:(\\S+)\\s*\\n+FROM\\s+\\$\\{BASE_IMAGE}\\s*$")
                .matcher(dockerfile);
        assertTrue(from.find(), "the Dockerfile starts ARG BASE_IMAGE=payara/micro:<tag> then FROM ${BASE_IMAGE}");
        String tag = from.group(1);
        assertEquals(pomVersion, tag.replaceFirst("-jdk\\d+$", ""), "Dockerfile tag " + tag + " vs pom " + pomVersion);
        assertTrue(tag.endsWith("-jdk17"), "the image runs the Java the project is built for: " + tag);
    }

    @Test
    void theImageUsesTheSharedServerConfig() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(dockerfile.contains("COPY --chown=payara:payara server-config/ /opt/payara/config/"));
        assertTrue(dockerfile.contains("COPY src/main/docker/entrypoint.sh /opt/payara/entrypoint.sh"));
        assertTrue(dockerfile.contains("ENTRYPOINT [\"tini\", \"--\", \"/opt/payara/entrypoint.sh\"]"),
                "tini forwards docker stop's signal to the start command, which execs Java");
        // The java command line is in the entrypoint script.
        String entrypoint = Files.readString(Path.of("src/main/docker/entrypoint.sh"));
        assertTrue(entrypoint.contains("exec java \"@$config/payara-micro.args\" $cluster"));
        assertTrue(entrypoint.contains("config=/opt/payara/config\n"));
        assertTrue(entrypoint.contains("cluster=\"@$config/cluster.args\""));
        assertTrue(!entrypoint.contains("--addLibs"), "nothing on the server's class path: the WAR makes its session ids");
        assertTrue(entrypoint.contains("--prebootcommandfile \"$config/pre-boot-commands.asadmin\""));
        assertTrue(entrypoint.contains("--postbootcommandfile \"$config/post-boot-commands.asadmin\""));
        assertTrue(entrypoint.contains("-Xbootclasspath/a:/opt/payara/signin-krazo-patch.jar"),
                "the image runs Krazo's ServiceLoaders with the memo, as the tests do");
    }

    @Test
    void theBuildContextHoldsWhatTheDockerfileCopies() throws Exception {
        String dockerignore = Files.readString(Path.of(".dockerignore"));
        for (String copied : new String[]{"server-config/", "src/main/docker/", "target/signin.war",
                "target/signin-krazo-patch.jar"}) {
            assertTrue(dockerignore.contains("\n!" + copied + "\n"), ".dockerignore lets in " + copied);
            assertTrue(Files.readString(Path.of("Dockerfile")).contains(" " + copied), "the Dockerfile copies " + copied);
        }
    }

    @Test
    void theHealthCheckUsesReadiness() throws Exception {
        assertTrue(Files.readString(Path.of("Dockerfile")).contains("http://127.0.0.1:8080/health/ready"));
    }
}
