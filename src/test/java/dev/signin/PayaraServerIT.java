package dev.signin;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Load;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The "Payara Server" steps of docs/deployment.md, run as written on a real Payara Server (the pom's
 * payara.version, unpacked by Maven into target/payara-server) with a fresh domain under
 * target/it/payara-server: create and start the domain; with nothing set but the secret (and the
 * metrics token this test reads) the WAR deploys on the bare domain; then
 * server-config/payara-server.asadmin and a restart; then the flow (sign-up, profile, sign-out,
 * sign-in), CSRF, headers, session ids, no data grid, and the Krazo fix in effect. The domain is
 * always stopped, and killed if it does not stop.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other tests (see Load)
@ResourceLock(Load.HEAVY_OR_TIMED)
class PayaraServerIT {

    private static final String DOMAIN = "signin";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("it.boot.timeout.seconds", 240));
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final Path projectDir = Path.of(PayaraMicro.required("server.config.dir")).toAbsolutePath().getParent();
    private final Path workDir = Path.of(PayaraMicro.required("signin.war")).toAbsolutePath().getParent().resolve("it").resolve("payara-server");
    private final Path domainsDir = workDir.resolve("domains");
    private final Path serverLog = domainsDir.resolve(DOMAIN).resolve("logs").resolve("server.log");
    private Path asadmin;
    private int adminPort;

    @Test
    void readmeStepsPrepareAPayaraServerDomain() throws Exception {
        long started = System.nanoTime();
        Path install = Path.of(PayaraMicro.required("payara.server.dir"));
        asadmin = install.resolve("bin").resolve("asadmin");
        if (!Files.isRegularFile(asadmin)) {
            String why = "no Payara Server at " + install + " (the build unpacks it in pre-integration-test: run ./mvnw verify)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        assertBootDelegationExtendsPayarasDefault(install);
        PayaraMicro.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        int portBase = freePortBase();
        adminPort = portBase + 48;
        int httpPort = portBase + 80;
        int dataGridPort = portBase + 49;
        URI base = URI.create("http://127.0.0.1:" + httpPort);
        try {
            run("create-domain", "--nopassword", "--portbase", Integer.toString(portBase),
                    "--domaindir", domainsDir.toString(), DOMAIN);
            run("start-domain", "--domaindir", domainsDir.toString(), DOMAIN);

            // Steps 1 and 2 on the bare domain: only the secret (and this test's metrics token) set.
            remote("set-config-property", "--source=domain", "--propertyName=signin.secret",
                    "--propertyValue=" + PayaraMicro.SECRET);
            remote("set-config-property", "--source=domain", "--propertyName=signin.metrics.token",
                    "--propertyValue=" + PayaraMicro.METRICS_TOKEN);
            remote("deploy", "--contextroot", "/", Path.of(PayaraMicro.required("signin.war")).toAbsolutePath().toString());
            awaitReady(base);
            Browser bare = new Browser(base);
            Accounts.signUp(bare, "bare");
            assertEquals(200, bare.get("/").status(), "the profile on the bare domain");
            assertTrue(krazoScans(bare).isEmpty(),
                    "without the bootdelegation of step 3 Payara Server's Krazo bundle uses its own ServiceLoaders");
            assertTrue(listening(dataGridPort), "a new domain's data grid listens on " + dataGridPort
                    + " (the port checked closed after step 3)");
            long logBeforeRestart = Files.size(serverLog);

            // Step 3: the domain prepared by server-config/payara-server.asadmin, then a restart.
            String output = remote("multimode", "--file", projectDir.resolve("server-config/payara-server.asadmin").toString());
            assertFalse(output.contains("failed") || output.contains("remote failure"),
                    "every command of payara-server.asadmin must succeed:\n" + output);
            run("restart-domain", "--domaindir", domainsDir.toString(), DOMAIN);
            awaitReady(base);
            String restartLog = logSince(logBeforeRestart);
            assertTrue(Pattern.compile("Database schema at version \\d+ \\(0 migrations applied now\\)").matcher(restartLog).find(),
                    "the restart logs the schema's current version:\n" + grep(restartLog, "Database schema"));

            checkFlow(base);
            checkKrazoFix(base);
            assertFalse(listening(dataGridPort), "no data grid port open (Hazelcast is off): " + dataGridPort);
        } catch (Throwable failure) {
            System.err.println("----- PayaraServerIT failed; the server's errors:\n" + severeLines()
                    + "\n----- the last lines of " + serverLog + ":\n" + logTail(150) + "\n----- end of server log");
            throw failure;
        } finally {
            stopDomain();
            System.out.printf("PayaraServerIT took %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private void checkFlow(URI base) throws Exception {
        Browser browser = new Browser(base);
        Page form = browser.get("/sign-in");
        assertEquals(200, form.status());
        assertTrue(form.headers().firstValue("Server").isEmpty(), "no Server header: " + form.headers().map());
        assertTrue(form.headers().firstValue("X-Powered-By").isEmpty(), "no X-Powered-By header: " + form.headers().map());
        assertEquals(Optional.of("nosniff"), form.headers().firstValue("X-Content-Type-Options"), "the app's security headers");

        // CSRF: a POST without the form's _csrf field is refused, before any password is checked.
        assertEquals(403, browser.post("/sign-in", Map.of("username", "nobody", "password", Accounts.PASSWORD)).status());

        String username = Accounts.signUp(browser, "server");
        String sessionId = browser.cookie("signin_session").orElseThrow(() -> new AssertionError("no session cookie after sign-up"));
        assertTrue(sessionId.matches("[0-9a-f]{32}"), "a session id of the WAR's own generator (128 random bits): " + sessionId);
        assertTrue(browser.cookie("JSESSIONIDVERSION").isEmpty(), "sessions in memory, nothing replicated");
        Page profile = browser.get("/");
        assertEquals(200, profile.status());
        assertTrue(profile.body().contains(username), "the profile shows the username");

        // A signed-in POST without the token is refused too, and the session stays.
        assertEquals(403, browser.post("/sign-out", Map.of()).status());
        assertEquals(200, browser.get("/").status(), "still signed in after the refused sign-out");

        Page signedOut = Accounts.signOut(browser);
        assertEquals(303, signedOut.status());
        assertEquals(Optional.of("/sign-in"), signedOut.location(), "sign-out goes to /sign-in, with a notice");
        assertTrue(browser.follow(signedOut).body().contains("You have been signed out."));
        Page away = browser.get("/");
        assertEquals(303, away.status());
        assertEquals(Optional.of("/sign-in?next=%2F"), away.location());

        Page signedIn = Accounts.signIn(browser, username, Accounts.PASSWORD, false);
        assertEquals(303, signedIn.status(), () -> "sign-in: " + signedIn);
        assertEquals(200, browser.get("/").status());

        // TRACE reaches the app (trace-enabled on http-listener-1), which refuses it with its own 405.
        HttpResponse<String> trace = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/sign-in")).method("TRACE", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, trace.statusCode(), "TRACE: " + trace.body());
    }

    /** As in PageCostIT, plus: Krazo's bundle really calls the patched class (the count is above 0). */
    private void checkKrazoFix(URI base) {
        Browser browser = new Browser(base);
        Accounts.signUp(browser, "scans");
        Browser visitor = new Browser(base);
        for (int i = 0; i < 5; i++) {
            browser.get("/");
            visitor.get("/sign-in");
        }
        long before = krazoScans(browser).orElseThrow(() -> new AssertionError(
                "no signin_krazo_service_scans in /metrics: Payara Server runs Krazo's own ServiceLoaders"));
        assertTrue(before > 0, "Krazo's bundle never called the patched ServiceLoaders");
        for (int i = 0; i < 20; i++) {
            assertEquals(200, browser.get("/").status());
            assertEquals(200, visitor.get("/sign-in").status());
        }
        assertEquals(before, krazoScans(browser).orElseThrow(), "Krazo searched the class path again while serving pages");
    }

    /**
     * The bootdelegation system property replaces the list of the installation's
     * glassfish/config/osgi.properties whole: payara-server.asadmin must repeat that default (of
     * this Payara version) and add Krazo's package, nothing more.
     */
    private void assertBootDelegationExtendsPayarasDefault(Path install) throws IOException {
        java.util.Properties osgi = new java.util.Properties();
        try (var in = Files.newInputStream(install.resolve("glassfish/config/osgi.properties"))) {
            osgi.load(in);
        }
        String defaults = osgi.getProperty("org.osgi.framework.bootdelegation")
                .replace("${eclipselink.bootdelegation}", osgi.getProperty("eclipselink.bootdelegation"));
        List<String> expected = new ArrayList<>(packages(defaults));
        expected.add("org.eclipse.krazo.util");
        String option = "-Dorg.osgi.framework.bootdelegation=";
        String line = Files.readAllLines(projectDir.resolve("server-config/payara-server.asadmin")).stream()
                .filter(l -> l.startsWith("create-jvm-options " + option))
                .findFirst().orElseThrow(() -> new AssertionError("payara-server.asadmin sets no " + option));
        assertEquals(expected, packages(line.substring(line.indexOf('=') + 1)),
                "payara-server.asadmin's bootdelegation: Payara's default list plus org.eclipse.krazo.util");
    }

    private static List<String> packages(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    private static Optional<Long> krazoScans(Browser browser) {
        Page metrics = browser.metrics();
        assertEquals(200, metrics.status(), "/metrics with the token");
        Matcher m = Pattern.compile("(?m)^signin_krazo_service_scans (\\d+)").matcher(metrics.body());
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /** Polls GET /sign-in: Payara Server logs a failed deployment and goes on answering 404. */
    private void awaitReady(URI base) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(base.resolve("/sign-in")).timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        int status = -1;
        while (System.nanoTime() < deadline) {
            try {
                status = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                status = -1;
            }
            Thread.sleep(500);
        }
        fail("GET /sign-in on " + base + " did not answer 200 within " + READY_TIMEOUT.toSeconds()
                + " s (last status " + status + ", -1: no answer)");
    }

    /** An asadmin command against the running domain. */
    private String remote(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(adminPort)));
        args.addAll(List.of(command));
        return run(args.toArray(String[]::new));
    }

    /** Runs asadmin from the project directory (the README's commands use paths relative to it); fails on a non-zero exit. */
    private String run(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("sh", asadmin.toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).directory(projectDir.toFile()).redirectErrorStream(true);
        // Payara Server runs on the JDK running the tests.
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long t0 = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("asadmin " + String.join(" ", command) + " did not end within " + COMMAND_TIMEOUT);
        }
        String output = new String(out, StandardCharsets.UTF_8);
        System.out.printf("asadmin %s (%.1f s)%n%s%n", String.join(" ", command), (System.nanoTime() - t0) / 1e9, output.strip());
        assertEquals(0, process.exitValue(), () -> "asadmin " + String.join(" ", command) + " failed:\n" + output);
        return output;
    }

    /** stop-domain, then kill the server's process if it is still there. */
    private void stopDomain() {
        Path pidFile = domainsDir.resolve(DOMAIN).resolve("config").resolve("pid");
        Optional<ProcessHandle> server = Optional.empty();
        try {
            if (Files.exists(pidFile)) {
                server = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
            }
            if (asadmin != null && Files.isDirectory(domainsDir.resolve(DOMAIN))) {
                run("stop-domain", "--domaindir", domainsDir.toString(), DOMAIN);
            }
        } catch (Throwable e) {
            System.err.println("stop-domain failed: " + e);
        }
        server.filter(ProcessHandle::isAlive).ifPresent(process -> {
            System.err.println("Payara Server (pid " + process.pid() + ") still running after stop-domain: killing it");
            process.destroyForcibly();
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    /**
     * A port base whose ports Payara uses (base+0 to base+99) are free now, below Linux's
     * ephemeral range (32768 and up), so that no outgoing connection takes one meanwhile.
     */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(100, 320) * 100;
            if (List.of(9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86).stream().noneMatch(o -> listening(base + o) || !bindable(base + o))) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base found");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logSince(long offset) throws IOException {
        try (var in = Files.newInputStream(serverLog)) {
            in.skipNBytes(offset);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(serverLog, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + serverLog + ": " + e + ")";
        }
    }

    /** Each SEVERE record of the server log, first line and message. */
    private String severeLines() {
        try {
            List<String> all = Files.readAllLines(serverLog, StandardCharsets.UTF_8);
            List<String> severe = new ArrayList<>();
            for (int i = 0; i < all.size() && severe.size() < 60; i++) {
                if (all.get(i).contains("[SEVERE]")) {
                    severe.add(all.get(i));
                    if (i + 1 < all.size()) {
                        severe.add(all.get(i + 1));
                    }
                }
            }
            return severe.isEmpty() ? "(none logged)" : String.join("\n", severe);
        } catch (IOException e) {
            return "(cannot read " + serverLog + ": " + e + ")";
        }
    }

    private static String grep(String text, String word) {
        return String.join("\n", text.lines().filter(l -> l.contains(word)).toList());
    }
}
