package dev.signin.web;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edges of HTTP: methods no page supports, requests no page should see, and what only monitoring may read. */
@TestServer.Shared
class EdgeIT {

    static final List<String> PATHS = List.of("/sign-in", "/sign-up", "/", "/account", "/account/sessions",
            "/sign-out", "/health", "/metrics", "/assets/app.css", "/assets/");

    static String header(String head, String name) {
        return head.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(l -> l.substring(name.length() + 1).strip()).findFirst().orElse(null);
    }

    static void assertOurAnswer(String what, RawHttp.Answer answer) {
        assertTrue(answer.head().contains("Content-Security-Policy: default-src 'self'"), what + " has our headers:\n" + answer.head());
        String text = (answer.head() + answer.body()).toLowerCase();
        assertFalse(text.contains("wadl") || text.contains("jersey") || text.contains("payara") || text.contains("grizzly"),
                what + " names no server part:\n" + answer.head() + "\n" + answer.body());
    }

    @Test
    void optionsAndTraceAnswerLikeAnyOtherUnsupportedMethod(PayaraMicro server, Browser browser) {
        Accounts.signUp(browser, "options");
        String signedIn = "signin_session=" + browser.cookie("signin_session").orElseThrow();
        for (String path : PATHS) {
            for (String cookie : new String[]{null, signedIn}) {
                RawHttp.Answer put = RawHttp.send(server.port(), RawHttp.request("PUT", path, cookie, "text/plain", new byte[]{'x'}, ""));
                for (String method : List.of("OPTIONS", "TRACE")) {
                    String what = method + " " + path + (cookie == null ? "" : " signed in");
                    RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.request(method, path, cookie, null, new byte[0],
                            "X-Echo-Me: secret-header-value\r\n"));
                    assertEquals(put.status(), answer.status(), what + " answers as PUT does:\n" + answer.head());
                    assertEquals(header(put.head(), "Allow"), header(answer.head(), "Allow"), what + ": the same Allow");
                    assertOurAnswer(what, answer);
                    assertFalse(answer.body().contains("secret-header-value"), what + " echoes nothing");
                }
                if (put.status() == 405) {
                    String allow = header(put.head(), "Allow");
                    assertTrue(allow != null && !allow.contains("OPTIONS") && !allow.contains("PUT"), path + " Allow: " + allow);
                }
            }
        }
        for (String wadl : List.of("/application.wadl", "/application.wadl?detail=true", "/application.wadl/xsd0.xsd")) {
            RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.get(wadl));
            assertEquals(404, answer.status(), wadl);
            assertOurAnswer(wadl, answer);
        }
    }

    @Test
    void staticFilesAreOnlyFetched(PayaraMicro server) {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
            byte[] body = method.startsWith("P") ? "a=b".getBytes(StandardCharsets.US_ASCII) : new byte[0];
            RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.request(method, "/assets/app.css", null,
                    body.length > 0 ? "application/x-www-form-urlencoded" : null, body, ""));
            assertEquals(405, answer.status(), method + ":\n" + answer.head());
            assertEquals("GET, HEAD", header(answer.head(), "Allow"), method);
            assertFalse(answer.body().contains("font-family"), method + " does not send the file");
            assertOurAnswer(method + " /assets/app.css", answer);
        }
        assertEquals(200, RawHttp.send(server.port(), RawHttp.get("/assets/app.css")).status());
    }

    @Test
    void theStaticFolderItselfIsNotFoundAndNoRedirectIsBuiltFromTheHostHeader(PayaraMicro server) {
        for (String path : List.of("/assets", "/assets/", "/WEB-INF", "/META-INF")) {
            RawHttp.Answer answer = RawHttp.send(server.port(), ("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals(404, answer.status(), path + ":\n" + answer.head());
            assertFalse(answer.head().contains("evil.example"), path + " builds nothing from Host:\n" + answer.head());
            assertOurAnswer(path, answer);
        }
    }

    /** Path tricks: ';' parameters, dot segments in every spelling, encoded slashes, empty segments. */
    static List<String> pathTricks() {
        List<String> tricks = new ArrayList<>(List.of("/assets/..;/x", "/assets/..;/", "/assets/..;/WEB-INF/web.xml",
                "/assets/%2E%2E;/", "/.;/assets", "/..;/", "/assets;x/app.css", "/assets/app.css;x", "/assets;jsessionid=x/app.css",
                "/sign-in;signin_session=0123456789abcdef", "/;signin_session=abc", "/sign-in;JSESSIONID=x",
                "/sign-in;jsessionid=a;x", "/sign-in;x", "/account;/", "/WEB-INF;/web.xml",
                "/assets/%2e%2e/x", "/assets/%2e./", "/assets/.%2E/", "/assets/%2e/app.css", "/%2e/sign-in", "/%2e%2e/",
                "/assets/..%2fWEB-INF/web.xml", "/assets%2fapp.css", "/sign-in%2f", "/assets/%252e%252e/x", "/assets/%3b/app.css",
                "/assets/./app.css", "/./sign-in", "/sign-in/.", "/sign-in/..", "/assets/.", "/assets/..", "/assets/app.css/.",
                "/account/sessions/../../sign-out", "/a/../assets/app.css", "//assets", "//assets/app.css", "/assets//app.css",
                "//sign-in", "/assets/x/..;/", "/assets/.;/", "/assets/;/", "/assets;/", "/META-INF;/", "/;/"));
        for (String folder : List.of("/assets", "/WEB-INF", "/META-INF", "/assets/x", "")) {
            for (String trick : List.of("/..;", "/..;/", "/.;", "/.;/", ";", ";/", "/%2e%2e;/", "/%2E;/")) {
                tricks.add(folder + trick);
            }
        }
        return tricks;
    }

    /**
     * Payara's HTTP layer refuses a few paths before any of the app's code runs (a backslash, raw or
     * encoded, a NUL byte, a path that climbs above the root): a bare 400, no body, none of our headers,
     * and no Location either. Everything else is answered by the app.
     */
    static boolean refusedByTheHttpLayer(RawHttp.Answer answer) {
        return answer.status() == 400 && answer.head().startsWith("HTTP/1.1 400 Invalid URI")
                && answer.body().isEmpty() && header(answer.head(), "Location") == null;
    }

    /** Paths the HTTP layer is right to refuse: not a path at all (";"), or one the app could never read. */
    static boolean forTheHttpLayer(String path) {
        return !path.startsWith("/") || path.contains("\\") || path.toLowerCase().contains("%5c") || path.contains("%00")
                || path.toLowerCase().startsWith("/%2e%2e/");
    }

    /**
     * Grizzly's URI normalisation (HttpRequestURIDecoder.normalizeBytes, in Payara 6) appends a "/" to a
     * path ending in "/." or "/.." in place, one byte past the end of its buffer: when the request's
     * pooled buffer is exactly the path's length (which depends on the paths that request object saw
     * before) that throws ArrayIndexOutOfBoundsException before any of the app's code runs, and Payara
     * answers an empty 200 with none of our headers and logs the stack trace. Nothing of the app is sent;
     * the test counts these answers and accepts them for such paths only.
     */
    static boolean brokenByTheHttpLayer(String path, RawHttp.Answer answer) {
        return (path.endsWith("/.") || path.endsWith("/..")) && answer.status() == 200 && answer.body().isEmpty()
                && header(answer.head(), "Location") == null && header(answer.head(), "Set-Cookie") == null
                && !answer.head().contains("Content-Security-Policy");
    }

    @Test
    void pathParametersAndDotSegmentsGetOurAnswerAndNeverAContainerRedirect(PayaraMicro server, Browser browser) {
        Accounts.signUp(browser, "paths");
        String signedIn = "signin_session=" + browser.cookie("signin_session").orElseThrow();
        List<String> paths = new ArrayList<>(pathTricks());
        paths.addAll(List.of("/assets/..%5c", "/assets/%5c..%5cx", "/assets\\..\\x", "/%5c%5cevil.example", "/sign-in%00"));
        List<String> problems = new ArrayList<>();
        int byTheHttpLayer = 0;
        int brokenByTheHttpLayer = 0;
        for (String path : paths) {
            for (String cookie : new String[]{null, signedIn}) {
                String what = path + (cookie == null ? "" : " signed in");
                RawHttp.Answer answer = RawHttp.send(server.port(), ("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\n"
                        + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "Connection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                if (cookie != null && path.contains(";signin_session=")) {
                    // With the session cookie, Payara takes the id out of the path and keeps the cookie's:
                    // the request is the plain path's, in the browser's own session (nothing planted).
                    RawHttp.Answer plain = RawHttp.send(server.port(), RawHttp.request("GET", path.substring(0, path.indexOf(';')),
                            cookie, null, new byte[0], ""));
                    if (plain.status() != answer.status() || !Objects.equals(header(plain.head(), "Location"),
                            header(answer.head(), "Location")) || !answer.head().contains("Content-Security-Policy: default-src 'self'")) {
                        problems.add(what + ": not answered as the plain path in the cookie's session\n" + answer.head());
                    }
                } else if (answer.head().contains("evil.example") || header(answer.head(), "Location") != null) {
                    problems.add(what + ": a redirect\n" + answer.head());
                } else if (refusedByTheHttpLayer(answer)) {
                    byTheHttpLayer++;
                    if (!forTheHttpLayer(path)) {
                        problems.add(what + ": answered by the HTTP layer, not by the app\n" + answer.head());
                    }
                } else if (brokenByTheHttpLayer(path, answer)) {
                    brokenByTheHttpLayer++;
                } else if (answer.status() != 400 && answer.status() != 404) {
                    problems.add(what + ": " + answer.status() + ", not 400 or 404\n" + answer.head());
                } else if (!answer.head().contains("Content-Security-Policy: default-src 'self'") || !answer.body().contains("<h1>")) {
                    problems.add(what + ": not our page and headers\n" + answer.head());
                }
            }
        }
        assertEquals(List.of(), problems, problems.size() + " of " + paths.size() * 2 + " paths misbehaved");
        assertTrue(byTheHttpLayer <= 18, byTheHttpLayer + " answered by the HTTP layer");
        System.out.println("Path tricks: " + byTheHttpLayer + " refused by the HTTP layer, " + brokenByTheHttpLayer
                + " empty answers of its broken normalisation of a last \"/.\" or \"/..\", of " + paths.size() * 2);
        // A live session's id in the URL signs nobody in (Payara took ";<session cookie name>=" as the session id
        // when no cookie came, cookie-only tracking or not).
        String sessionId = browser.cookie("signin_session").orElseThrow();
        for (String path : List.of("/;signin_session=" + sessionId, "/account;signin_session=" + sessionId)) {
            RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.get(path));
            assertEquals(400, answer.status(), path + ":\n" + answer.head());
            assertOurAnswer(path, answer);
            assertFalse(answer.body().contains("Sign out"), "nobody signed in:\n" + answer.body());
        }
        // Payara's HTTP layer takes ";jsessionid=", ";jsessionidversion=" and ";jreplica=" out of the path before
        // the app sees it (the session parameter Payara honours is named after the session cookie, above): the
        // path is answered as without them, with our headers, and signs nobody in.
        for (String path : List.of("/;jsessionid=" + sessionId, "/sign-in;jsessionid=0123456789abcdef", "/sign-in;jsessionidversion=1",
                "/sign-in;jreplica=x")) {
            RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.get(path));
            RawHttp.Answer plain = RawHttp.send(server.port(), RawHttp.get(path.substring(0, path.indexOf(';'))));
            assertEquals(plain.status(), answer.status(), path + ":\n" + answer.head());
            assertEquals(header(plain.head(), "Location"), header(answer.head(), "Location"), path);
            assertOurAnswer(path, answer);
            assertFalse(answer.body().contains("Sign out"), "nobody signed in:\n" + answer.body());
        }
        // The tricks did not break the paths they dress up.
        assertEquals(200, RawHttp.send(server.port(), RawHttp.get("/assets/app.css")).status());
        assertEquals(200, RawHttp.send(server.port(), RawHttp.get("/sign-in")).status());
    }

    @Test
    void metricsAreForTheOperatorsMonitoringOnly(Browser browser) {
        Page anonymous = browser.get("/metrics");
        assertEquals(404, anonymous.status());
        assertFalse(anonymous.body().contains("signin_"), "nothing of the metrics");
        Page wrongToken = browser.send(HttpRequest.newBuilder(browser.uri("/metrics"))
                .header("Authorization", "Bearer " + PayaraMicro.METRICS_TOKEN + "x").GET());
        assertEquals(404, wrongToken.status());
        Accounts.signUp(browser, "metricsuser");
        assertEquals(404, browser.get("/metrics").status(), "a signed-in user is no monitoring system either");
        Page monitoring = browser.metrics();
        assertEquals(200, monitoring.status());
        assertTrue(monitoring.body().contains("signin_sign_ins_total"), monitoring.body());
    }

    @Test
    void aRequestWithBothContentLengthAndTransferEncodingIsRefusedAndItsConnectionClosed(PayaraMicro server) {
        // Payara's HTTP layer drops Content-Length when the body is chunked: every chunked body is refused.
        // The chunked body ends at once; what follows would be a second, smuggled request.
        String smuggled = "GET /sign-up HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String body = "0\r\n\r\n" + smuggled;
        RawHttp.Exchange exchange = RawHttp.exchange(server.port(), ("POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1), 10_000);
        String answer = exchange.text();
        assertTrue(answer.startsWith("HTTP/1.1 411 "), answer);
        assertTrue(exchange.closedByServer(), "the connection is closed:\n" + answer);
        assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, "one answer, nothing for a smuggled request:\n" + answer);
        assertTrue(answer.contains("Content-Security-Policy: "), answer);
    }
}
