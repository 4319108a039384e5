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
        Matcher from = Pattern.compile("(?m)^FROM\\s+payara/micro:(\\S+)").matcher(dockerfile);
        assertTrue(from.find(), "the Dockerfile starts FROM payara/micro:<tag>");
        String tag = from.group(1);
        assertEquals(pomVersion, tag.replaceFirst("-jdk\\d+$", ""), "Dockerfile tag " + tag + " vs pom " + pomVersion);
        assertTrue(tag.endsWith("-jdk17"), "the image runs the Java the project is built for: " + tag);
    }

    @Test
    void theImageUsesTheSharedServerConfig() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(dockerfile.contains("@/opt/payara/config/payara-micro.args"));
        assertTrue(dockerfile.contains("\"--addLibs\", \"/opt/payara/signin-server-lib.jar\""), "the session id generator");
        assertTrue(dockerfile.contains("\"--prebootcommandfile\", \"/opt/payara/config/pre-boot-commands.asadmin\""));
        assertTrue(dockerfile.contains("\"--postbootcommandfile\", \"/opt/payara/config/post-boot-commands.asadmin\""));
        assertTrue(dockerfile.contains("COPY --chown=payara:payara server-config/ /opt/payara/config/"));
        assertTrue(dockerfile.contains("-Xbootclasspath/a:/opt/payara/signin-krazo-patch.jar"),
                "the image runs Krazo's ServiceLoaders with the memo, as the tests do");
    }

    @Test
    void theHealthCheckUsesReadiness() throws Exception {
        assertTrue(Files.readString(Path.of("Dockerfile")).contains("http://127.0.0.1:8080/health/ready"));
    }
}
