package dev.signin;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds the image from the Dockerfile and runs the sign-in flow against it (needs a Docker engine). */
@Testcontainers(disabledWithoutDocker = true)
class DockerImageIT {

    @Container
    static final GenericContainer<?> APP = new GenericContainer<>(
            new ImageFromDockerfile("signin-it", true)
                    .withFileFromPath("Dockerfile", Path.of("Dockerfile"))
                    .withFileFromPath("server-config", Path.of("server-config"))
                    .withFileFromPath("target/signin.war", Path.of(System.getProperty("signin.war"))))
            .withEnv("SIGNIN_SECRET", PayaraMicro.SECRET)
            .withExposedPorts(8080)
            .waitingFor(Wait.forHttp("/sign-in").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(4)));

    @Test
    void signUpSignOutAndSignInAgain() {
        Browser browser = new Browser(URI.create("http://" + APP.getHost() + ":" + APP.getMappedPort(8080)));
        String username = Accounts.signUp(browser, "docker");
        assertTrue(browser.get("/").body().contains("Name of " + username));
        assertEquals(303, Accounts.signOut(browser).status());
        assertEquals(303, browser.get("/").status());
        Page signedIn = Accounts.signIn(browser, username, Accounts.PASSWORD, false);
        assertEquals(303, signedIn.status());
        assertEquals(200, browser.get("/").status());
    }
}
