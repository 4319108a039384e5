package dev.signin.web;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Endpoints;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A POST whose body the app cannot read as a form (another content type, none, a charset other
 * than UTF-8, broken percent-encoding or UTF-8), sent with a valid CSRF token in the X-CSRF-TOKEN
 * header so that it passes the CSRF check, to every POST endpoint of the app, signed in and not:
 * each answer is 400 or 415 with our error page and headers, and the server's log grows by at most
 * one short line per request (it used to be a 500 and about 90 KB of stack trace each).
 */
@TestServer.Shared
class UnreadableBodiesIT {

    /** At most one short line of log per request. */
    static final int LOG_BYTES_PER_REQUEST = 200;

    record Body(String what, String contentType, byte[] bytes) {
        static Body of(String what, String contentType, String text) {
            return new Body(what, contentType, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static List<Body> bodies(String token) {
        String form = "username=a&password=b&current=c&code=123456&name=n&_csrf=" + token;
        String boundary = "zzBoundary42";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\na\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n"
                + "--" + boundary + "--\r\n";
        List<Body> bodies = new ArrayList<>(List.of(
                Body.of("JSON", "application/json", "{\"username\":\"a\",\"password\":\"b\",\"_csrf\":\"" + token + "\"}"),
                Body.of("JSON as text", "text/json", "{\"username\":\"a\"}"),
                Body.of("XML", "application/xml", "<form><username>a</username></form>"),
                Body.of("XML as text", "text/xml", "<form/>"),
                Body.of("plain text", "text/plain", form),
                Body.of("HTML", "text/html", "<b>hi</b>"),
                Body.of("multipart", "multipart/form-data; boundary=" + boundary, multipart),
                Body.of("multipart without its boundary", "multipart/form-data", multipart),
                Body.of("bytes", "application/octet-stream", form),
                Body.of("a bogus charset", "application/x-www-form-urlencoded; charset=bogus", form),
                Body.of("an unknown charset name", "application/x-www-form-urlencoded; charset=x-no-such-charset-7", form),
                Body.of("UTF-16", "application/x-www-form-urlencoded; charset=UTF-16", form),
                Body.of("a malformed content type", "garbage/;;;", form),
                Body.of("no content type", null, form),
                Body.of("broken percent-encoding", "application/x-www-form-urlencoded", form + "&username=%zz&next=%"),
                Body.of("a truncated escape", "application/x-www-form-urlencoded", form + "&name=%E0%A4%A"),
                Body.of("an encoded surrogate", "application/x-www-form-urlencoded", form + "&name=%ED%A0%80")));
        byte[] head = (form + "&name=").getBytes(StandardCharsets.US_ASCII);
        byte[] invalidUtf8 = new byte[head.length + 3];
        System.arraycopy(head, 0, invalidUtf8, 0, head.length);
        invalidUtf8[head.length] = (byte) 0xC3;
        invalidUtf8[head.length + 1] = (byte) 0x28;
        invalidUtf8[head.length + 2] = (byte) 0xFF;
        bodies.add(new Body("raw invalid UTF-8", "application/x-www-form-urlencoded", invalidUtf8));
        return bodies;
    }

    @Test
    void everyPostEndpointAnswersAnUnreadableBodyWith4xxAndOurPageAndLogsNoStackTrace(PayaraMicro server, Browser browser) {
        Set<String> endpoints = Endpoints.posts();
        // The list comes from the code; these are some it must hold (the JSON ones are posted as forms by passkeys.js).
        assertTrue(endpoints.containsAll(List.of("/sign-in", "/sign-up", "/sign-out", "/sign-in/code", "/sign-in/passkey",
                "/sign-in/passkey/options", "/account/passkeys/options", "/account/profile", "/account/sessions/end")), endpoints::toString);
        assertTrue(endpoints.size() >= 18, endpoints::toString);

        Accounts.signUp(browser, "unreadable");
        String signedInToken = browser.get("/account").csrf();
        String signedIn = "signin_session=" + browser.cookie("signin_session").orElseThrow();
        Browser visitor = new Browser(browser.uri(""));
        String anonymousToken = visitor.get("/sign-in").csrf();
        String anonymous = "signin_csrf=" + visitor.cookie("signin_csrf").orElseThrow();
        Map<String, String[]> clients = new LinkedHashMap<>();
        clients.put("anonymous", new String[]{anonymous, anonymousToken});
        clients.put("signed in", new String[]{signedIn, signedInToken});

        List<String> problems = new ArrayList<>();
        int requests = 0;
        int logBefore = server.logText().length();
        for (Map.Entry<String, String[]> client : clients.entrySet()) {
            // /sign-out last: were it to work, it would end the session the other requests use.
            List<String> ordered = new ArrayList<>(endpoints);
            ordered.sort((a, b) -> Boolean.compare(a.equals("/sign-out"), b.equals("/sign-out")));
            for (String path : ordered) {
                for (Body body : bodies(client.getValue()[1])) {
                    String what = "POST " + path + " " + client.getKey() + " with " + body.what();
                    RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.request("POST", path, client.getValue()[0],
                            body.contentType(), body.bytes(), "X-CSRF-TOKEN: " + client.getValue()[1] + "\r\n"));
                    requests++;
                    if (answer.status() != 400 && answer.status() != 415) {
                        problems.add(what + ": " + answer.status() + "\n" + answer.head());
                    } else if (!answer.head().contains("Content-Security-Policy: default-src 'self'")
                            || !answer.body().contains("<h1>") || !answer.body().contains("/assets/app.css")) {
                        problems.add(what + ": not our page or headers\n" + answer.head() + "\n" + answer.body());
                    }
                }
            }
        }
        assertEquals(List.of(), problems, problems.size() + " of " + requests + " requests misbehaved");
        assertEquals(200, browser.get("/account").status(), "still signed in: no request was acted upon");

        String logged = server.logText().substring(logBefore);
        assertTrue(!logged.contains("Exception") && !logged.contains("\tat "), "no stack trace in the log:\n" + abbreviate(logged));
        assertTrue(logged.length() <= requests * LOG_BYTES_PER_REQUEST, requests + " requests wrote " + logged.length()
                + " bytes of log:\n" + abbreviate(logged));
    }

    static String abbreviate(String log) {
        return log.length() > 6000 ? log.substring(0, 6000) + "\n…(" + log.length() + " characters)" : log;
    }
}
