package dev.signin.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Docker engine, through the {@code docker} command line: the container tests build the
 * project's Dockerfile and run it as an operator would. No image registry is needed: the base
 * images are built from Debian packages by src/test/docker/build-images.sh (once per machine;
 * later calls find them up to date). Without a Docker engine the tests are skipped with a
 * message, except under CI=true, where that fails the build.
 */
public final class Docker {

    /** The local stand-in for payara/micro (same layout), and the app image built on it. */
    public static final String PAYARA_BASE_IMAGE = "signin-test/payara-micro-base:" + System.getProperty("payara.version", "6.2025.10");
    public static final String POSTGRES_IMAGE = "signin-test/postgres:15";
    public static final String APP_IMAGE = "signin-test/signin:it";

    private static Boolean engineRuns;
    private static boolean imagesBuilt;
    private static boolean appBuilt;

    private Docker() {
    }

    /** What a docker command printed (stdout and stderr together) and its exit status. */
    public record Result(int exit, String output) {
    }

    public static Result run(Duration timeout, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(args);
        return exec(timeout, command);
    }

    public static Result run(String... args) {
        return run(Duration.ofMinutes(2), List.of(args));
    }

    /** Runs a docker command that must succeed; its output, trimmed. */
    public static String ok(String... args) {
        return ok(Duration.ofMinutes(2), List.of(args));
    }

    public static String ok(Duration timeout, List<String> args) {
        Result result = run(timeout, args);
        if (result.exit() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " exited with " + result.exit()
                    + ":\n" + result.output());
        }
        return result.output().trim();
    }

    private static Result exec(Duration timeout, List<String> command) {
        try {
            Path out = Files.createTempFile("docker", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException(String.join(" ", command) + " took more than " + timeout.toSeconds()
                            + " s:\n" + Files.readString(out));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether a Docker engine answers (docker info), asked once per test run. */
    public static synchronized boolean engineRuns() {
        if (engineRuns == null) {
            try {
                engineRuns = exec(Duration.ofSeconds(30), List.of("docker", "info")).exit() == 0;
            } catch (RuntimeException noDockerCommand) {
                engineRuns = false;
            }
        }
        return engineRuns;
    }

    /** Skips the test without a Docker engine, with a message; under CI=true, fails instead. */
    public static void assumeEngine() {
        if (engineRuns()) {
            return;
        }
        String message = "container tests need a running Docker engine (docker info fails; .ci/run starts dockerd)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + ": missing under CI=true");
        }
        Assumptions.abort("Skipped: " + message);
    }

    /** The local base images (Payara Micro and PostgreSQL from Debian packages), built if missing or out of date. */
    public static synchronized void buildTestImages() {
        assumeEngine();
        if (imagesBuilt) {
            return;
        }
        long started = System.nanoTime();
        Result result = exec(Duration.ofMinutes(20), List.of("src/test/docker/build-images.sh",
                System.getProperty("payara.micro.jar", "target/payara-micro.jar"), System.getProperty("payara.version", "6.2025.10")));
        if (result.exit() != 0) {
            throw new IllegalStateException("src/test/docker/build-images.sh failed (" + result.exit() + "):\n" + result.output());
        }
        System.out.printf("Test base images ready in %.1f s:%n%s", (System.nanoTime() - started) / 1e9, result.output());
        imagesBuilt = true;
    }

    /** The project's Dockerfile built on the local Payara Micro stand-in (once per test run). */
    public static synchronized String appImage() {
        buildTestImages();
        if (!appBuilt) {
            long started = System.nanoTime();
            ok(Duration.ofMinutes(5), List.of("build", "--network", "host", "-q",
                    "--build-arg", "BASE_IMAGE=" + PAYARA_BASE_IMAGE, "-t", APP_IMAGE, "."));
            System.out.printf("Built %s from the Dockerfile in %.1f s%n", APP_IMAGE, (System.nanoTime() - started) / 1e9);
            appBuilt = true;
        }
        return APP_IMAGE;
    }

    public static String inspect(String container, String format) {
        return ok("inspect", "--format", format, container);
    }

    /** The host address of a published container port (published on 127.0.0.1 only). */
    public static URI published(String container, int port) {
        String hostPort = ok("port", container, port + "/tcp").lines().findFirst().orElseThrow();
        return URI.create("http://" + hostPort);
    }

    /**
     * Waits for the container's HEALTHCHECK to say healthy, then for an app page to answer 200
     * (a failed deployment leaves Payara running with 404s: that fails here, with the log).
     */
    public static Duration awaitHealthy(String container, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            String state = inspect(container, "{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}");
            status = state;
            if (state.startsWith("exited") || state.startsWith("dead")) {
                throw new IllegalStateException("container " + container + " stopped (" + state + ", exit code "
                        + inspect(container, "{{.State.ExitCode}}") + "). Its log:\n" + tail(logs(container), 150));
            }
            if (state.equals("running unhealthy")) {
                throw new IllegalStateException("container " + container + " is unhealthy. Its log:\n" + tail(logs(container), 150));
            }
            if (state.equals("running healthy")) {
                URI page = published(container, 8080).resolve("/sign-in");
                int answer = status(page);
                if (answer != 200) {
                    throw new IllegalStateException("healthy, but GET " + page + " answers " + answer + ". Log:\n"
                            + tail(logs(container), 150));
                }
                return Duration.ofNanos(System.nanoTime() - started);
            }
            Concurrently.sleep(500);
        }
        throw new IllegalStateException("container " + container + " not healthy within " + timeout.toSeconds()
                + " s (" + status + "). Its log:\n" + tail(logs(container), 150));
    }

    public static int status(URI uri) {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String logs(String container) {
        return run("logs", container).output();
    }

    /** Removes containers, volumes or networks, ignoring those already gone (for clean-up). */
    public static void removeQuietly(String kind, String... names) {
        for (String name : names) {
            if (name != null) {
                List<String> args = new ArrayList<>(List.of(kind, "rm"));
                if (!kind.equals("network")) {
                    args.add("-f");
                }
                args.add(name);
                run(Duration.ofMinutes(1), args);
            }
        }
    }

    public static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
