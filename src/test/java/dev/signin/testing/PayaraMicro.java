package dev.signin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built WAR on a real Payara Micro, run as a child process of the test JVM with the same
 * server-config/ as the README run command and the Dockerfile, on the {@link ServerRuntime} of
 * the run (Payara Micro 6, or 7 on Java 25). Everything it writes (root dir, data dir, log)
 * stays under target/it/NAME (target/it-payara7/NAME). Readiness means an app page answering
 * 200 and a boot log without a failed boot command or deployment: Payara logs those and keeps
 * running (with 404s, or without the setting), so here they fail the boot, loudly, with the log.
 */
public final class PayaraMicro implements AutoCloseable {

    /** The secret the test server signs with, and an older one it still accepts (key rotation). */
    public static final String SECRET = "integration-test-secret-0123456789-abcdefghij";
    public static final String OLD_SECRET = "integration-test-previous-secret-0123456789";
    /** The bearer token that reads /metrics on the test servers. */
    public static final String METRICS_TOKEN = "integration-test-metrics-token-0123456789";

    private static final String BOOT_MARK = "\n===== starting: ";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(Long.getLong("it.boot.timeout.seconds", 240));
    /** How long the app may take to answer once Payara says it is ready (more on a busy machine). */
    private static final Duration APP_GRACE = Duration.ofSeconds(Long.getLong("it.app.grace.seconds", 15));

    private final ServerRuntime runtime = ServerRuntime.current();
    private final Path workDir;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> microArgs = new ArrayList<>();
    private Path preBootCommands = Path.of(required("server.config.dir"), "pre-boot-commands.asadmin");
    private Process process;
    private Duration lastBoot;
    private boolean warAlone;
    private boolean uberJar;
    private Path uberJarFile;

    public PayaraMicro(String name, Map<String, String> environment) {
        this.workDir = Path.of(required("signin.war")).getParent()
                .resolve(runtime.isPayara7() ? "it-payara7" : "it").resolve(name).toAbsolutePath();
        this.environment = new LinkedHashMap<>(environment);
        this.port = freePort();
        this.log = workDir.resolve("payara-micro.log");
        // A fresh database and log for every test run: counters such as failed sign-ins must not
        // carry over from an earlier run (a restart within the run keeps them, as it should).
        deleteRecursively(dataDir());
        deleteRecursively(log);
    }

    /** Removes a file or a directory tree, if there is one. */
    public static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The configuration of the shared test server: production mode, a fixed secret with one
     * fallback, localhost as a trusted proxy (tests play different clients with X-Forwarded-For),
     * two hashes at once, and an H2 database the tests can look into while the server runs.
     */
    public static PayaraMicro production(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SIGNIN_MODE", "production");
        env.put("SIGNIN_SECRET", SECRET);
        env.put("SIGNIN_SECRET_FALLBACKS", OLD_SECRET);
        env.put("SIGNIN_TRUSTED_PROXIES", "127.0.0.1");
        env.put("SIGNIN_PASSWORD_CONCURRENT_HASHES", "2");
        env.put("SIGNIN_METRICS_TOKEN", METRICS_TOKEN);
        PayaraMicro server = new PayaraMicro(name, env);
        server.environment.put("SIGNIN_DB_URL", server.jdbcUrl());
        // Passkeys need a host name (WebAuthn takes no IP address as relying party id): browsers open http://localhost:PORT.
        server.environment.put("SIGNIN_WEBAUTHN_RP_ID", "localhost");
        server.environment.put("SIGNIN_WEBAUTHN_ORIGINS", "http://localhost:" + server.port());
        return server;
    }

    /** The H2 database of this server; AUTO_SERVER lets the test JVM open it while Payara has it open. */
    public String jdbcUrl() {
        return "jdbc:h2:file:" + dataDir().resolve("signin") + ";AUTO_SERVER=TRUE";
    }

    /** A connection to the server's database, for checks no page shows (what is stored, and what is not). */
    public java.sql.Connection database() {
        try {
            return java.sql.DriverManager.getConnection(jdbcUrl(), "signin", "signin");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dataDir() {
        return workDir.resolve("data");
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Duration lastBoot() {
        return lastBoot;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            // A fresh Payara root directory for every start: Payara keeps the apps deployed in it, and
            // would first start the previous run's copy of the WAR, then replace it while it serves.
            deleteRecursively(workDir.resolve("root"));
            Files.createDirectories(workDir);
            Path config = Path.of(required("server.config.dir")).toAbsolutePath();
            List<String> command = new ArrayList<>(List.of(runtime.java().toString()));
            if (uberJar) {
                // As a user runs target/signin-micro.jar: java -jar and nothing else (the heap capped, as for every test server).
                command.addAll(List.of("-Xmx768m", "-jar", uberJarFile.toAbsolutePath().toString()));
            } else if (warAlone) {
                // As a user who deploys the WAR alone: no server-config/, no jar beside it, Payara's own options
                // only, and no context root (the WAR's glassfish-web.xml says /).
                command.add("-Xmx768m");
                command.addAll(jvmArgs);
                command.addAll(List.of("-jar", runtime.microJar().toAbsolutePath().toString(),
                        "--nohazelcast", "--disablephonehome"));
            } else {
                command.addAll(List.of(
                        "@" + config.resolve("payara-micro.args"),
                        "-Xmx768m",
                        // As in server-config/run-http.args: Krazo's ServiceLoaders with a memo.
                        "-Xbootclasspath/a:" + Path.of(required("krazo.patch.jar")).toAbsolutePath()));
                command.addAll(jvmArgs);
                command.addAll(List.of(
                        "-jar", runtime.microJar().toAbsolutePath().toString(),
                        "--prebootcommandfile", preBootCommands.toAbsolutePath().toString(),
                        "--postbootcommandfile", config.resolve("post-boot-commands.asadmin").toString()));
            }
            command.addAll(List.of(
                    "--rootdir", workDir.resolve("root").toString(),
                    "--port", Integer.toString(port)));
            if (!uberJar) {
                command.addAll(List.of("--deploy", Path.of(required("signin.war")).toAbsolutePath().toString()));
            }
            command.addAll(microArgs);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("SIGNIN_DATA_DIR", dataDir().toString());
            builder.environment().putAll(environment);
            Files.writeString(log, BOOT_MARK + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            long started = System.nanoTime();
            long logOffset = Files.size(log);
            process = builder.start();
            awaitReady(logOffset);
            lastBoot = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("Payara Micro %s (%s) ready on port %d in %.1f s (log: %s)%n",
                    workDir.getFileName(), runtime.name(), port, lastBoot.toMillis() / 1000.0, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(long logOffset) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(uri("/sign-in")).timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        int lastStatus = -1;
        long serverReadyAt = 0;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue()
                        + " before the app was ready. Server log:\n" + logTail(150));
            }
            // Ready means: Payara says it is ready (its post-boot commands and the deployment are done;
            // before that an app page may answer 500 while the app is still starting) and the app answers.
            String log = logSince(logOffset);
            boolean serverSaysReady = log.contains(") ready in ");
            List<String> failed = failedBootCommands(log);
            if (!failed.isEmpty()) {
                stop();
                throw new IllegalStateException("Payara Micro (" + runtime.name() + ") logged a failed boot command"
                        + " and would have gone on without its setting:\n" + String.join("\n", failed)
                        + "\nServer log:\n" + logTail(150));
            }
            try {
                lastStatus = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200 && serverSaysReady) {
                    return;
                }
            } catch (IOException notListeningYet) {
                lastStatus = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            // Payara reports itself ready even when the app failed to deploy: then say so, with the reason.
            if (!failedDeployments(log).isEmpty()) {
                stop();
                throw new IllegalStateException("The app did not deploy. The server's errors:\n"
                        + severeLines(log) + "\nServer log:\n" + logTail(250));
            }
            if (serverReadyAt == 0 && serverSaysReady) {
                serverReadyAt = System.nanoTime();
            }
            if (serverReadyAt != 0 && System.nanoTime() - serverReadyAt > APP_GRACE.toNanos()) {
                stop();
                throw new IllegalStateException("The app did not deploy: the server is up but GET /sign-in on port "
                        + port + " answers " + lastStatus + " (-1: no answer at all). The server's errors:\n"
                        + severeLines(log) + "\nServer log:\n" + logTail(250));
            }
            Concurrently.sleep(250);
        }
        stop();
        throw new IllegalStateException("Payara Micro was not ready within " + BOOT_TIMEOUT.toSeconds()
                + " s (last status " + lastStatus + "). Server log:\n" + logTail(200));
    }

    /**
     * The pre- and post-boot commands that failed, from a boot's log: Payara Micro logs each as a
     * warning ("Boot Command set failed PlainTextActionReporterFAILURE...") and boots on without it.
     */
    public static List<String> failedBootCommands(String log) {
        return matching(log, line -> line.contains("Boot Command") && (line.contains(" failed") || line.contains("FAILURE")));
    }

    /** A failed deployment, from a boot's log: Payara logs it and serves on, with 404s. */
    static List<String> failedDeployments(String log) {
        return matching(log, line -> line.contains("Exception while loading the app")
                || line.contains("Exception while deploying the app"));
    }

    private static List<String> matching(String log, java.util.function.Predicate<String> test) {
        return log.lines()
                .map(line -> line.replaceAll("\u001B\\[[0-9;]*m", ""))
                .filter(test)
                .limit(20)
                .toList();
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** An environment variable of the server, for the next start (such as a setting of its own). */
    public PayaraMicro withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Extra JVM options (before -jar) and Payara Micro options, for the next start. */
    public PayaraMicro withOptions(List<String> jvm, List<String> micro) {
        jvmArgs.addAll(jvm);
        microArgs.addAll(micro);
        return this;
    }

    /** Another pre-boot command file for the next start (a test's own variant of server-config's). */
    public PayaraMicro withPreBootCommands(Path file) {
        preBootCommands = file;
        return this;
    }

    public ServerRuntime runtime() {
        return runtime;
    }

    /** The next start runs the WAR alone, as a user may: no server-config/, nothing beside the WAR. */
    public PayaraMicro warAlone() {
        warAlone = true;
        return this;
    }

    /**
     * The next start runs target/signin-micro.jar (the uber JAR that carries the WAR, the boot
     * commands and the Krazo fix) with {@code java -jar}: no server-config/, no flags.
     */
    public PayaraMicro uberJar() {
        return uberJar(Path.of(required("signin.micro.jar")));
    }

    /** The next start runs this uber JAR (a test's own variant of target/signin-micro.jar) with {@code java -jar}. */
    public PayaraMicro uberJar(Path jar) {
        uberJar = true;
        uberJarFile = jar;
        return this;
    }

    /** kill -9: no shutdown hooks, nothing saved, as when a machine dies. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public void restart() {
        stop();
        start();
    }

    @Override
    public void close() {
        stop();
    }

    public String logTail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private String logSince(long offset) {
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(offset);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The SEVERE lines of a log, without colour codes: a failure message leads with them, since
     * the log's tail can be all certificate dumps (Payara warns at boot of each expired CA
     * certificate in its bundled trust store).
     */
    static String severeLines(String log) {
        List<String> severe = log.lines()
                .map(line -> line.replaceAll("\u001B\\[[0-9;]*m", ""))
                .filter(line -> line.contains("[SEVERE]"))
                .limit(40)
                .toList();
        return severe.isEmpty() ? "(none logged)" : String.join("\n", severe);
    }

    /**
     * The TCP ports the server process listens on, on any address (Linux: its socket inodes in
     * /proc/PID/fd matched against the LISTEN entries of /proc/net/tcp and tcp6).
     */
    public synchronized java.util.Set<Integer> listeningPorts() {
        if (process == null) {
            throw new IllegalStateException("not running");
        }
        java.util.Set<String> inodes = new java.util.HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            });
            java.util.Set<Integer> ports = new java.util.TreeSet<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f[3].equals("0A") && inodes.contains(f[9])) { // 0A: LISTEN
                        ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                    }
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server log split by boot, oldest first: what each start of this server logged. */
    public List<String> bootLogs() {
        return java.util.Arrays.stream(logText().split(BOOT_MARK)).skip(1).toList();
    }

    /** The whole server log so far: tests use it to check what was (and was not) logged. */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A system property that failsafe sets (pom.xml), or a failure saying to run the tests through Maven. */
    public static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property
                    + " is not set: run integration tests through Maven (./mvnw verify), which sets it");
        }
        return value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
