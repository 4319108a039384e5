package dev.signin.web;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Concurrently;
import dev.signin.testing.Load;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request bodies that arrive slowly, as a slow-POST attack sends them: a byte every few seconds.
 * Each such connection used to hold a request thread until its body was complete, so that a few
 * hundred of them held all the request threads and a signed-in user's page went unanswered. Now a
 * body that has not arrived by its deadline (10 s, plus 1 s per KiB of its Content-Length) gets
 * 408, and no request thread waits for one meanwhile.
 */
@ResourceLock(Load.HEAVY_OR_TIMED)
@TestServer.Shared
class SlowBodyIT {

    /** Payara Micro's request threads, if its domain.xml cannot be read: http-thread-pool's max-thread-pool-size. */
    static final int DEFAULT_REQUEST_THREADS = 200;
    /** How long a signed-in user's page may take while the slow bodies come in. */
    static final Duration PAGE_BOUND = Duration.ofSeconds(1);
    static final Duration BYTE_EVERY = Duration.ofSeconds(5);
    /** A form of about a sign-in's size: at a byte every 5 s it would take 17 minutes to arrive. */
    static final int BODY_BYTES = 200;
    /** The deadline of such a body (10 s, and 1 s for its KiB). */
    static final Duration DEADLINE = Duration.ofSeconds(11);
    /** What a busy machine may add to the deadline before the answer is read here. */
    static final Duration SLACK = Duration.ofSeconds(5);

    @Test
    void aSignedInUsersPageAnswersWithinASecondWhileMoreSlowBodiesThanRequestThreadsComeIn(PayaraMicro server, Browser user)
            throws Exception {
        Accounts.signUp(user, "unhurried");
        assertEquals(200, user.get("/").status());
        int threads = requestThreads(server);
        int senders = threads + 60;
        List<SlowSender> attack = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        List<Long> pageMillis = new ArrayList<>();
        List<String> pageProblems = new ArrayList<>();
        try {
            for (int i = 0; i < senders; i++) {
                SlowSender sender = new SlowSender(server.port(), "/sign-in");
                attack.add(sender);
                Thread thread = new Thread(sender, "slow-sender-" + i);
                thread.setDaemon(true);
                thread.start();
                running.add(thread);
            }
            Concurrently.sleep(3_000); // every sender connected and started its body
            long watchUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // more than two deadlines
            while (System.nanoTime() < watchUntil) {
                long start = System.nanoTime();
                try {
                    int status = user.get("/", Duration.ofSeconds(5)).status();
                    if (status != 200) {
                        pageProblems.add("answered " + status);
                    }
                } catch (UncheckedIOException e) {
                    pageProblems.add("no answer in 5 s: " + e.getCause());
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                pageMillis.add(millis);
                Concurrently.sleep(Math.max(0, 500 - millis));
            }
        } finally {
            attack.forEach(SlowSender::stop);
            for (Thread thread : running) {
                thread.join(10_000);
            }
        }
        List<Long> held = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        int stillOpenTooLong = 0;
        for (SlowSender sender : attack) {
            held.addAll(sender.heldMillis);
            answers.addAll(sender.answers);
            stillOpenTooLong += sender.openTooLong;
        }
        long slowPages = pageMillis.stream().filter(m -> m > PAGE_BOUND.toMillis()).count();
        String summary = String.format("%d slow senders (%d request threads): %d pages, slowest %d ms, %d over %d ms, %s;"
                        + " %d bodies cut off (longest held %d s), %d connections still unanswered after %d s",
                senders, threads, pageMillis.size(), Collections.max(pageMillis), slowPages, PAGE_BOUND.toMillis(),
                pageProblems.isEmpty() ? "all 200" : pageProblems.size() + " not 200: " + pageProblems.subList(0, Math.min(3, pageProblems.size())),
                held.size(), held.isEmpty() ? 0 : Collections.max(held) / 1000, stillOpenTooLong, (DEADLINE.plus(SLACK)).toSeconds());
        System.out.println("SlowBodyIT: " + summary);
        assertTrue(pageProblems.isEmpty() && slowPages == 0, summary);
        assertTrue(held.size() >= senders, "each slow sender was cut off at least once in 30 s: " + summary);
        assertTrue(held.stream().allMatch(m -> m <= DEADLINE.plus(SLACK).toMillis()) && stillOpenTooLong == 0, summary);
        assertTrue(answers.stream().allMatch(a -> a.startsWith("HTTP/1.1 408 ")),
                "each got 408: " + answers.stream().filter(a -> !a.startsWith("HTTP/1.1 408 ")).limit(3).toList());
    }

    @Test
    void aBodyThatStopsComingIsAnswered408WithOurPageAndTheConnectionClosed(PayaraMicro server) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) DEADLINE.plus(SLACK).plusSeconds(30).toMillis());
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(head("/sign-in", null, BODY_BYTES, false)); // the client would keep the connection
            out.write("username=stalled&pass".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer;
            try {
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (SocketTimeoutException e) {
                answer = "(nothing, the connection still open)";
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            String what = "after " + seconds + " s: " + answer;
            assertTrue(answer.startsWith("HTTP/1.1 408 "), what);
            assertTrue(seconds >= DEADLINE.toSeconds() - 1 && seconds <= DEADLINE.plus(SLACK).toSeconds(),
                    "answered at the deadline, not before or long after it: " + what);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
            assertTrue(head.contains("\r\nconnection: close"), what);
            assertTrue(head.contains("content-security-policy: default-src 'self'") && head.contains("cache-control: no-store"), what);
            assertTrue(answer.contains("<h1>") && answer.contains("/assets/app.css") && answer.contains("Error 408"), what);
        }
    }

    @Test
    void aBodyRefusedUnreadEndsItsConnection(PayaraMicro server) {
        // Over the size limit: 413 before a byte of it is read. Were the rest swallowed to keep the
        // connection, a sender could keep it busy for as long as it likes.
        byte[] head = head("/sign-in", null, 10_000_000L, false);
        byte[] request = new byte[head.length + 4096];
        System.arraycopy(head, 0, request, 0, head.length);
        java.util.Arrays.fill(request, head.length, request.length, (byte) 'x');
        long start = System.nanoTime();
        RawHttp.Exchange exchange = RawHttp.exchange(server.port(), request, 15_000);
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        assertTrue(exchange.text().startsWith("HTTP/1.1 413 "), exchange.text());
        assertTrue(exchange.closedByServer(), "the connection is closed, not kept to swallow the rest (open after "
                + seconds + " s):\n" + exchange.text());
    }

    @Test
    void formsSentInPiecesWithinTheirDeadlineAreServedAsBefore(PayaraMicro server, Browser browser) throws Exception {
        Browser visitor = new Browser(browser.uri(""));
        String token = visitor.get("/sign-in").csrf();
        String signIn = Browser.form(Map.of("username", "in-pieces", "password", "not the password", "_csrf", token));
        String answer = sendInPieces(server.port(), "/sign-in", "signin_csrf=" + visitor.cookie("signin_csrf").orElseThrow(), signIn);
        assertTrue(answer.startsWith("HTTP/1.1 200 ") && answer.contains("Invalid username or password")
                && answer.contains("value=\"in-pieces\""), "an anonymous form, read whole: " + answer);

        Accounts.signUp(browser, "pieces");
        String profileToken = browser.get("/account").csrf();
        String profile = Browser.form(Map.of("name", "Sent In Pieces", "about", "one part at a time", "_csrf", profileToken));
        String saved = sendInPieces(server.port(), "/account/profile",
                "signin_session=" + browser.cookie("signin_session").orElseThrow(), profile);
        assertTrue(saved.startsWith("HTTP/1.1 303 "), "a signed-in user's form, read whole: " + saved);
        assertTrue(browser.get("/").body().contains("Sent In Pieces"), "and acted upon");
    }

    /** Sends a form in three pieces a second and a half apart (well within its deadline) and reads the answer. */
    private static String sendInPieces(int port, String path, String cookie, String form) throws IOException {
        byte[] body = form.getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(path, cookie, body.length));
            int third = body.length / 3;
            out.write(body, 0, third);
            out.flush();
            Concurrently.sleep(1_500);
            out.write(body, third, third);
            out.flush();
            Concurrently.sleep(1_500);
            out.write(body, 2 * third, body.length - 2 * third);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static byte[] head(String path, String cookie, int contentLength) {
        return head(path, cookie, contentLength, true);
    }

    static byte[] head(String path, String cookie, long contentLength, boolean close) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (close ? "Connection: close\r\n" : "")
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + (cookie == null ? "" : "Cookie: " + cookie + "\r\n")
                + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request threads of the running server: its http-thread-pool's maximum, as Payara wrote it to its domain.xml. */
    static int requestThreads(PayaraMicro server) throws IOException {
        Path domain = server.dataDir().resolveSibling("root").resolve("config").resolve("domain.xml");
        if (!Files.exists(domain)) {
            return DEFAULT_REQUEST_THREADS;
        }
        Matcher pool = Pattern.compile("<thread-pool[^>]*name=\"http-thread-pool\"[^>]*>").matcher(Files.readString(domain));
        if (!pool.find()) {
            return DEFAULT_REQUEST_THREADS;
        }
        Matcher max = Pattern.compile("max-thread-pool-size=\"(\\d+)\"").matcher(pool.group());
        return max.find() ? Integer.parseInt(max.group(1)) : DEFAULT_REQUEST_THREADS;
    }

    /**
     * One attacker's connection: a POST whose body comes a byte every 5 s. When the server answers
     * or closes, it notes how long it was held and connects again, so the server always has as
     * many slow bodies coming in.
     */
    static final class SlowSender implements Runnable {
        final int port;
        final String path;
        final List<Long> heldMillis = Collections.synchronizedList(new ArrayList<>());
        final List<String> answers = Collections.synchronizedList(new ArrayList<>());
        volatile int openTooLong;
        private volatile boolean stopped;

        SlowSender(int port, String path) {
            this.port = port;
            this.path = path;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            while (!stopped) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    long start = System.nanoTime();
                    socket.setSoTimeout(10);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    out.write(head(path, null, BODY_BYTES));
                    out.write('u');
                    out.flush();
                    int sent = 1;
                    long nextByte = start + BYTE_EVERY.toNanos();
                    ByteArrayOutputStream answer = new ByteArrayOutputStream();
                    boolean closed = false;
                    while (!stopped && !closed) {
                        Concurrently.sleep(250);
                        try {
                            byte[] buffer = new byte[4096];
                            int n;
                            while ((n = in.read(buffer)) > 0) {
                                answer.write(buffer, 0, n);
                            }
                            closed = n < 0;
                        } catch (SocketTimeoutException nothingMore) {
                            // still open
                        }
                        if (answer.size() > 0 && !closed) {
                            continue; // an answer is coming: read it to its end
                        }
                        if (!closed && System.nanoTime() >= nextByte && sent < BODY_BYTES) {
                            try {
                                out.write('x');
                                out.flush();
                                sent++;
                                nextByte += BYTE_EVERY.toNanos();
                            } catch (IOException reset) {
                                closed = true;
                            }
                        }
                    }
                    long held = (System.nanoTime() - start) / 1_000_000;
                    if (closed) {
                        heldMillis.add(held);
                        String text = answer.toString(StandardCharsets.ISO_8859_1);
                        answers.add(text.isEmpty() ? "(closed without an answer)" : text.lines().findFirst().orElse(""));
                    } else if (held > DEADLINE.plus(SLACK).toMillis()) {
                        openTooLong++;
                    }
                } catch (IOException e) {
                    if (!stopped) {
                        answers.add("(connection failed: " + e + ")");
                        Concurrently.sleep(250);
                    }
                }
            }
        }
    }
}
