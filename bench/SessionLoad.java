import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sign-in load of bench/run, where wrk cannot do it: with {@code <distributable/>} Payara
 * sets two cookies at once and a sign-in POST needs both, but wrk's Lua sees only the last
 * {@code Set-Cookie}. Run with the JDK's single-file launcher ({@code java bench/SessionLoad.java}).
 *
 * <pre>
 * signin   BASE USER PASS CONNECTIONS SECONDS   whole sign-in flows (GET the form, POST it),
 *                                                each in a new cookie jar, for SECONDS
 * remember BASE COOKIE=VALUE CONNECTIONS COUNT   COUNT new signed-in sessions: GET / with only
 *                                                a remember-me cookie (no password hash)
 * anonymous BASE CONNECTIONS COUNT                COUNT visitors of the sign-in page, each without
 *                                                a cookie; failed counts answers that set a
 *                                                session cookie (there should be none)
 * </pre>
 *
 * Prints one line: {@code RESULT ok=.. failed=.. busy=.. seconds=.. per_second=..}. A sign-in
 * succeeds when the POST answers 303 to a page other than /sign-in; busy counts 503 answers
 * (the server's bound on concurrent password hashes).
 */
public class SessionLoad {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI base = URI.create(args[1]);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        long started = System.nanoTime();
        if (mode.equals("signin")) {
            String user = args[2];
            String pass = args[3];
            int connections = Integer.parseInt(args[4]);
            long end = started + Duration.ofSeconds(Long.parseLong(args[5])).toNanos();
            run(connections, () -> {
                while (System.nanoTime() < end) {
                    count(signIn(base, user, pass), ok, failed, busy);
                }
            });
        } else if (mode.equals("remember")) {
            String cookie = args[2];
            int connections = Integer.parseInt(args[3]);
            long total = Long.parseLong(args[4]);
            AtomicLong left = new AtomicLong(total);
            HttpClient http = client(null);
            run(connections, () -> {
                while (left.getAndDecrement() > 0) {
                    HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/"))
                            .header("Cookie", cookie).timeout(Duration.ofSeconds(60)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    boolean newSession = page.statusCode() == 200 && page.headers().allValues("set-cookie").stream()
                            .anyMatch(c -> c.contains("signin_session="));
                    (newSession ? ok : failed).incrementAndGet();
                }
            });
        } else if (mode.equals("anonymous")) {
            int connections = Integer.parseInt(args[2]);
            AtomicLong left = new AtomicLong(Long.parseLong(args[3]));
            HttpClient http = client(null);
            run(connections, () -> {
                while (left.getAndDecrement() > 0) {
                    HttpResponse<Void> page = http.send(HttpRequest.newBuilder(base.resolve("/sign-in"))
                            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding());
                    boolean session = page.headers().allValues("set-cookie").stream().anyMatch(c -> c.contains("signin_session="));
                    (page.statusCode() == 200 && !session ? ok : failed).incrementAndGet();
                }
            });
        } else {
            throw new IllegalArgumentException("mode: signin, remember or anonymous");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("RESULT ok=%d failed=%d busy=%d seconds=%.2f per_second=%.1f%n",
                ok.get(), failed.get(), busy.get(), seconds, ok.get() / seconds);
    }

    /** 1 = signed in, 0 = refused, -1 = busy (503). */
    private static int signIn(URI base, String user, String pass) throws Exception {
        HttpClient http = client(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(base.resolve("/sign-in"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(form.body());
        if (form.statusCode() != 200 || !token.find()) {
            return 0;
        }
        String body = "username=" + encode(user) + "&password=" + encode(pass) + "&_csrf=" + encode(token.group(1));
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(base.resolve("/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 503) {
            return -1;
        }
        String location = answer.headers().firstValue("location").orElse("/sign-in");
        return answer.statusCode() == 303 && !location.contains("/sign-in") ? 1 : 0;
    }

    private static void count(int result, AtomicLong ok, AtomicLong failed, AtomicLong busy) {
        (result > 0 ? ok : result < 0 ? busy : failed).incrementAndGet();
    }

    private static HttpClient client(CookieManager cookies) {
        // HTTP/1.1, as browsers speak over plain HTTP (and wrk does): Java's client would otherwise
        // upgrade to h2c, and Payara keeps some HTTP/2 requests that create a session reachable
        // from that session, which would count in the bytes per session (docs/performance.md).
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (cookies != null) {
            builder.cookieHandler(cookies);
        }
        return builder.build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void run(int connections, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            done.add(pool.submit(() -> {
                work.run();
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }
}
