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
import java.util.List;

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
