package dev.signin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client that behaves like a browser without JavaScript: it keeps cookies,
 * does not follow redirects (tests look at them), and can fill in a form the way a person would
 * (GET the page, take its CSRF field, POST).
 */
public final class Browser {

    public static final String CSRF_FIELD = "_csrf";

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final URI base;
    private final CookieManager cookies;
    private final HttpClient http;
    /**
     * Each browser plays its own client: the test server trusts localhost as a reverse proxy, so
     * this X-Forwarded-For (a documentation-range address, only ever a header value) is the
     * client address it sees, and one test's failed sign-ins do not hold back another's.
     */
    private final String clientAddress;

    public Browser(URI base) {
        this(base, browserCookies(), nextClientAddress());
    }

    private Browser(URI base, CookieManager cookies, String clientAddress) {
        this.base = base;
        this.cookies = cookies;
        this.clientAddress = clientAddress;
        // HTTP/1.1, as browsers speak over plain HTTP: Java's default (HTTP_2) asks for an h2c upgrade
        // on every new connection, which HttpVersionsIT tests on its own.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A new browser (no cookies) at a client address of the test's choosing (IPv6 too). */
    public Browser(URI base, String clientAddress) {
        this(base, browserCookies(), clientAddress);
    }

    /**
     * This browser's cookies, sent from another client address: as when a client hops between the
     * addresses of its network. The cookies are shared, not copied.
     */
    public Browser from(String otherClientAddress) {
        return new Browser(base, cookies, otherClientAddress);
    }

    /**
     * Cookies sent back as a browser sends them (RFC 6265): name=value, never quoted. Java's
     * CookieManager takes a Set-Cookie with Max-Age and no Expires for an RFC 2965 cookie and sends
     * its value back in quotes; Payara 7 sets its session version cookie (JSESSIONIDVERSION, in a
     * cluster) that way, and its parser refuses the quoted value ("Odd number of hexadecimal
     * digits"): an empty 200 that no browser would get.
     */
    private static CookieManager browserCookies() {
        return new CookieManager(null, CookiePolicy.ACCEPT_ALL) {
            @Override
            public void put(URI uri, Map<String, java.util.List<String>> headers) throws IOException {
                super.put(uri, headers);
                getCookieStore().getCookies().forEach(cookie -> cookie.setVersion(0));
            }
        };
    }

    private static String nextClientAddress() {
        int n = CLIENTS.incrementAndGet();
        return "198.51." + (100 + (n / 250) % 100) + "." + (1 + n % 250);
    }

    /**
     * The same browser (same cookies, same address) talking to another server: another node of
     * a cluster behind the same host name, as a load balancer would send it.
     */
    public Browser at(URI otherBase) {
        Browser other = new Browser(otherBase, browserCookies(), clientAddress);
        cookies.getCookieStore().getCookies().forEach(c -> {
            HttpCookie copy = (HttpCookie) c.clone();
            other.cookies.getCookieStore().add(otherBase, copy);
        });
        return other;
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** /metrics, as the operator's monitoring reads it (with the test servers' bearer token). */
    public Page metrics() {
        return send(HttpRequest.newBuilder(uri("/metrics")).header("Authorization", "Bearer " + PayaraMicro.METRICS_TOKEN).GET());
    }

    /** A POST with exactly these fields (no CSRF token unless given). */
    public Page post(String path, Map<String, String> fields) {
        return post(path, form(fields), "application/x-www-form-urlencoded");
    }

    public Page post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** Opens formPage, then posts the fields and the page's CSRF token to action. */
    public Page submit(String formPage, String action, Map<String, String> fields) {
        Page page = get(formPage);
        if (page.status() != 200) {
            throw new AssertionError("GET " + formPage + " answered " + page.status() + ", not a form");
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put(CSRF_FIELD, page.csrf());
        return post(action, all);
    }

    /** Follows one redirect the way a browser would (GET the Location). */
    public Page follow(Page redirect) {
        String location = redirect.location().orElseThrow(() -> new AssertionError("not a redirect: " + redirect.status()));
        return get(location.startsWith("http") ? URI.create(location).getRawPath() : location);
    }

    /** A GET that gives up after the timeout (an HttpTimeoutException, as an UncheckedIOException). */
    public Page get(String path, Duration timeout) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), timeout);
    }

    public Page send(HttpRequest.Builder request) {
        return send(request, Duration.ofSeconds(60));
    }

    public Page send(HttpRequest.Builder request, Duration timeout) {
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout)
                            .setHeader("X-Forwarded-For", clientAddress).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String clientAddress() {
        return clientAddress;
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    public void setCookie(String name, String value) {
        removeCookie(name);
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(base, cookie);
    }

    public void removeCookie(String name) {
        cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .toList()
                .forEach(c -> cookies.getCookieStore().remove(null, c));
    }

    public void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
