package dev.signin.web;

import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import dev.signin.testing.TestServer;
import dev.signin.web.requests.RequestSizeLimit;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
class ErrorPagesIT {

    /** Nothing an attacker could use: no stack trace, no product or version. */
    static void assertNothingLeaks(String where, String head, String body) {
        String all = (head + "\n" + body).toLowerCase();
        assertAll(where,
                () -> assertFalse(all.contains("exception"), "stack trace in\n" + body),
                () -> assertFalse(all.contains("payara") || all.contains("glassfish") || all.contains("grizzly"),
                        "server name in\n" + head + "\n" + body),
                () -> assertFalse(all.contains("x-powered-by"), "X-Powered-By in\n" + head),
                () -> assertFalse(all.contains("\nserver:"), "Server header in\n" + head));
    }

    static void assertOurPage(Page page, int status, String heading) {
        assertEquals(status, page.status(), page::toString);
        assertTrue(page.body().contains("<h1>" + heading + "</h1>"), page.body());
        assertTrue(page.body().contains("/assets/app.css"), "our layout");
        assertNothingLeaks(status + "", page.headers().map().toString(), page.body());
    }

    @Test
    void notFound(Browser browser) {
        assertOurPage(browser.get("/no/such/page"), 404, "Page not found");
        assertOurPage(browser.get("/WEB-INF/web.xml"), 404, "Page not found");
        assertOurPage(browser.get("/WEB-INF/views/profile/profile.jsp"), 404, "Page not found");
    }

    @Test
    void methodNotAllowed(Browser browser) {
        assertOurPage(browser.send(java.net.http.HttpRequest.newBuilder(browser.uri("/sign-in"))
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.noBody())), 405, "Not allowed here");
        assertOurPage(browser.send(java.net.http.HttpRequest.newBuilder(browser.uri("/"))
                .method("PUT", java.net.http.HttpRequest.BodyPublishers.ofString("x"))), 405, "Not allowed here");
    }

    @Test
    void brokenPercentEncodingInAFormIsABadRequest(PayaraMicro server, Browser browser) {
        Page form = browser.get("/sign-in");
        String cookie = "signin_csrf=" + browser.cookie("signin_csrf").orElseThrow(); // the form's CSRF cookie: no session yet
        for (String body : List.of("_csrf=" + form.csrf() + "&username=%zz&password=x%",
                "_csrf=" + form.csrf() + "&username=%E0%A4%A&password=x")) {
            RawHttp.Answer answer = RawHttp.send(server.port(),
                    RawHttp.formPost("/sign-in", cookie, body.getBytes(StandardCharsets.US_ASCII)));
            assertEquals(400, answer.status(), answer::head);
            assertTrue(answer.body().contains("That request could not be understood"));
            assertNothingLeaks(body, answer.head(), answer.body());
        }
    }

    @Test
    void nulBytesAndInvalidUtf8AreNeverA500(PayaraMicro server, Browser browser) {
        Page form = browser.get("/sign-up");
        String cookie = "signin_csrf=" + browser.cookie("signin_csrf").orElseThrow(); // the form's CSRF cookie: no session yet
        byte[][] bodies = {
                ("_csrf=" + form.csrf() + "&username=a%00b&name=n%00&password=p%00p%00p%00p%00&confirm=x").getBytes(StandardCharsets.US_ASCII),
                ("_csrf=" + form.csrf() + "&username=%C3%28&name=%FF%FE&password=%ED%A0%80aaaaaaa&confirm=x").getBytes(StandardCharsets.US_ASCII),
                concat(("_csrf=" + form.csrf() + "&username=").getBytes(StandardCharsets.US_ASCII), new byte[]{(byte) 0xff, 0, (byte) 0xc3})};
        for (byte[] body : bodies) {
            RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.formPost("/sign-up", cookie, body));
            assertTrue(answer.status() >= 400 && answer.status() < 500, answer::head);
            assertNothingLeaks("sign-up", answer.head(), answer.body());
        }
    }

    @Test
    void theWrongContentTypeIsRefused(Browser browser) {
        browser.get("/sign-in");
        for (String type : List.of("application/json", "text/plain", "application/xml", "multipart/form-data; boundary=x")) {
            Page page = browser.post("/sign-in", "{\"username\":\"x\"}", type);
            assertTrue(page.status() >= 400 && page.status() < 500, type + ": " + page);
            assertNothingLeaks(type, page.headers().map().toString(), page.body());
        }
    }

    @Test
    void anOversizedBodyIsRefusedBeforeParsing(PayaraMicro server, Browser browser) {
        Page form = browser.get("/sign-in");
        String cookie = "signin_csrf=" + browser.cookie("signin_csrf").orElseThrow(); // the form's CSRF cookie: no session yet
        // Just over the 64 KiB limit (a larger body is cut off by the server while it is still being sent).
        String body = Browser.form(Map.of("_csrf", form.csrf(), "username", "u".repeat(RequestSizeLimit.MAX_BODY_BYTES), "password", "p"));
        RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.formPost("/sign-in", cookie, body.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(413, answer.status(), answer::head);
        assertTrue(answer.body().contains("<h1>Too much data</h1>"), answer.body());
        assertNothingLeaks("413", answer.head(), answer.body());
    }

    @Test
    void everyAnswerHidesTheServer(Browser browser) {
        for (String path : List.of("/", "/sign-in", "/sign-up", "/assets/app.css", "/nope")) {
            Page page = browser.get(path);
            assertTrue(page.headers().firstValue("Server").isEmpty(), path + ": " + page.headers().map());
            assertTrue(page.headers().firstValue("X-Powered-By").isEmpty(), path + ": " + page.headers().map());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
