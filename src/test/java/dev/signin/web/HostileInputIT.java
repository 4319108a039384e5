package dev.signin.web;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of hostile requests against every form and a few paths: oversized fields and
 * headers, broken percent-encoding and UTF-8, NUL bytes, SQL, EL and JSP injection, script in
 * name and about, wrong content types, repeated and thousands of parameters, wrong methods. No
 * answer may be a 5xx or show a stack trace; nothing may be stored that should not be; hostile
 * text that is stored comes back escaped.
 */
@TestServer.Shared
class HostileInputIT {

    static final List<String> PAYLOADS = List.of(
            "' OR '1'='1", "admin'--", "'; DROP TABLE users; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)",
            "${7*7}", "#{7*7}", "${applicationScope}", "${pageContext.request.session}", "<%= 7*7 %>",
            "<jsp:include page=\"/WEB-INF/web.xml\"/>", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
            "javascript:alert(1)", "</textarea><script>alert(1)</script>", "\u0000", "a\u0000b", "\u202Eevil",
            "\u200B\u200B", "%00", "%zz", "../../../../etc/passwd", "{{7*7}}", "\r\nSet-Cookie: evil=1",
            "x".repeat(10_000), "é".repeat(3_000), "🔑".repeat(2_000));

    record Attempt(String description, Supplier<RawHttp.Answer> send) {
    }

    private final List<Attempt> corpus = new ArrayList<>();

    static String form(Map<String, String> fields) {
        return Browser.form(fields);
    }

    static String cookies(Browser browser) {
        List<String> parts = new ArrayList<>();
        browser.cookie("signin_session").ifPresent(v -> parts.add("signin_session=" + v));
        browser.cookie("JSESSIONIDVERSION").ifPresent(v -> parts.add("JSESSIONIDVERSION=" + v));
        browser.cookie("signin_csrf").ifPresent(v -> parts.add("signin_csrf=" + v));
        return String.join("; ", parts);
    }

    void post(PayaraMicro server, String description, String path, String cookie, String contentType, byte[] body) {
        corpus.add(new Attempt(description + " -> " + path, () -> RawHttp.send(server.port(),
                RawHttp.request("POST", path, cookie, contentType, body, ""))));
    }

    @Test
    void noHostileRequestGetsA5xxOrAStackTraceAndNothingBadIsStored(PayaraMicro server, Browser browser) throws Exception {
        // A signed-in victim whose forms are attacked with their own valid token.
        String username = Accounts.signUp(browser, "target");
        String signedIn = cookies(browser);
        String token = browser.get("/account").csrf();
        Browser anonymous = new Browser(browser.uri(""));
        String anonToken = anonymous.get("/sign-up").csrf();
        String anonCookie = cookies(anonymous);
        String form = "application/x-www-form-urlencoded";
        long usersBefore = count(server, "SELECT COUNT(*) FROM users");

        for (String p : PAYLOADS) {
            byte[] signIn = form(Map.of("_csrf", anonToken, "username", p, "password", p)).getBytes(StandardCharsets.UTF_8);
            post(server, "sign-in with " + abbreviate(p), "/sign-in", anonCookie, form, signIn);
            byte[] signUp = form(Map.of("_csrf", anonToken, "username", p, "name", "n", "password", "long enough " + p,
                    "confirm", "long enough " + p)).getBytes(StandardCharsets.UTF_8);
            post(server, "sign-up username " + abbreviate(p), "/sign-up", anonCookie, form, signUp);
            byte[] profile = form(Map.of("_csrf", token, "name", p, "about", p)).getBytes(StandardCharsets.UTF_8);
            post(server, "profile " + abbreviate(p), "/account/profile", signedIn, form, profile);
            byte[] password = form(Map.of("_csrf", token, "current", p, "password", p, "confirm", p)).getBytes(StandardCharsets.UTF_8);
            post(server, "password " + abbreviate(p), "/account/password", signedIn, form, password);
            corpus.add(new Attempt("query " + abbreviate(p), () -> RawHttp.send(server.port(),
                    RawHttp.get("/sign-in?next=" + URLEncoder.encode(p, StandardCharsets.UTF_8)))));
        }
        // next values whose characters outside ASCII have '/' or '\\' as their low byte (a header
        // written byte by byte would turn them into //host); signed in, GET /sign-in redirects at once.
        for (String next : lowByteNexts()) {
            corpus.add(new Attempt("signed-in next " + abbreviate(next), () -> RawHttp.send(server.port(),
                    RawHttp.get("/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), signedIn))));
        }
        // Broken encodings and bytes.
        for (String body : List.of("username=%zz&password=%", "username=%E0%A4%A&password=x", "username=%C0%AF&password=x",
                "username=%ED%A0%80&password=x", "username=%00%00&password=%00", "=&=&&&==", "username", "%", "&&&&")) {
            post(server, "broken " + body, "/sign-in", anonCookie, form, (body + "&_csrf=" + anonToken).getBytes(StandardCharsets.US_ASCII));
        }
        byte[] invalidUtf8 = {'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '=', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, '&'};
        post(server, "raw invalid UTF-8", "/sign-in", anonCookie, form, invalidUtf8);
        // Repeated and thousands of parameters.
        post(server, "repeated fields", "/sign-in", anonCookie, form,
                ("_csrf=" + anonToken + "&username=a&username=b&password=x&password=y&_csrf=other").getBytes(StandardCharsets.US_ASCII));
        StringBuilder many = new StringBuilder("_csrf=" + anonToken);
        for (int i = 0; i < 5000; i++) {
            many.append("&p").append(i).append("=v");
        }
        post(server, "5000 parameters", "/sign-in", anonCookie, form, many.toString().getBytes(StandardCharsets.US_ASCII));
        StringBuilder sameName = new StringBuilder("_csrf=" + anonToken);
        for (int i = 0; i < 3000; i++) {
            sameName.append("&username=u").append(i);
        }
        post(server, "3000 usernames", "/sign-in", anonCookie, form, sameName.toString().getBytes(StandardCharsets.US_ASCII));
        post(server, "over 64 KiB", "/sign-up", anonCookie, form, ("_csrf=" + anonToken + "&name=" + "n".repeat(70_000)).getBytes(StandardCharsets.US_ASCII));
        // Wrong content types.
        for (String type : List.of("application/json", "text/plain", "application/xml", "text/html",
                "multipart/form-data; boundary=zzz", "application/x-www-form-urlencoded; charset=EBCDIC-XX", "garbage/;;;", "")) {
            post(server, "content type " + type, "/sign-in", anonCookie, type.isEmpty() ? null : type,
                    ("{\"username\":\"a\",\"_csrf\":\"" + anonToken + "\"}").getBytes(StandardCharsets.US_ASCII));
        }
        // Wrong methods on every path.
        for (String path : List.of("/", "/sign-in", "/sign-up", "/sign-out", "/account", "/account/profile",
                "/account/password", "/account/delete", "/account/sessions", "/account/sessions/end")) {
            for (String method : List.of("PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "FOO")) {
                corpus.add(new Attempt(method + " " + path, () -> RawHttp.send(server.port(),
                        RawHttp.request(method, path, signedIn, "text/plain", "x".getBytes(StandardCharsets.US_ASCII), ""))));
            }
        }
        // Oversized and odd headers, hostile paths and cookies.
        corpus.add(new Attempt("7 KiB header", () -> RawHttp.send(server.port(),
                RawHttp.request("GET", "/sign-in", null, null, new byte[0], "X-Long: " + "h".repeat(7_000) + "\r\n"))));
        corpus.add(new Attempt("7 KiB cookie", () -> RawHttp.send(server.port(),
                RawHttp.request("GET", "/", "signin_session=" + "c".repeat(7_000), null, new byte[0], ""))));
        corpus.add(new Attempt("bogus session cookie", () -> RawHttp.send(server.port(),
                RawHttp.request("GET", "/account", "signin_session=../../etc/passwd; signin_remember=1.1.1.1.AAAA", null, new byte[0], ""))));
        corpus.add(new Attempt("hostile user agent", () -> RawHttp.send(server.port(),
                RawHttp.request("GET", "/sign-in", null, null, new byte[0], "User-Agent: <script>alert(1)</script>" + "u".repeat(2000) + "\r\n"))));
        corpus.add(new Attempt("hostile forwarded-for", () -> RawHttp.send(server.port(),
                RawHttp.request("GET", "/sign-in", null, null, new byte[0], "X-Forwarded-For: <script>, ' OR 1=1, " + "9".repeat(500) + "\r\n"))));
        // What no page handles: resource descriptions, folders, monitoring, framing, session versions.
        for (String path : List.of("/application.wadl", "/application.wadl?detail=true", "/assets", "/WEB-INF", "/META-INF", "/metrics")) {
            corpus.add(new Attempt("GET " + path, () -> RawHttp.send(server.port(), RawHttp.get(path))));
        }
        corpus.add(new Attempt("Content-Length with Transfer-Encoding", () -> RawHttp.send(server.port(),
                RawHttp.request("POST", "/sign-in", anonCookie, form, "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        "Transfer-Encoding: chunked\r\n"))));
        for (String version : List.of("zz:1", "abc:1", "2f:abc", "::::", "%00", "x".repeat(5000))) {
            corpus.add(new Attempt("session version " + abbreviate(version), () -> RawHttp.send(server.port(),
                    RawHttp.get("/", signedIn + "; JSESSIONIDVERSION=" + version))));
        }
        for (String path : List.of("/WEB-INF/web.xml", "/..;/WEB-INF/web.xml", "/%2e%2e/WEB-INF/web.xml", "/assets/../WEB-INF/web.xml",
                "/assets/%2e%2e/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/WEB-INF/views/error/error.jsp", "/index.jsp",
                "/sign-in;jsessionid=abc", "/sign-in?next=%0d%0aLocation:%20//evil", "/%00", "/%zz", "/" + "a".repeat(3000),
                "/sign-in?" + "q=1&".repeat(2000), "/account/sessions/../../sign-out", "/assets/app.css%00.jsp")) {
            corpus.add(new Attempt("path " + abbreviate(path), () -> RawHttp.send(server.port(), RawHttp.get(path))));
        }

        assertTrue(corpus.size() >= 200, corpus.size() + " hostile requests");
        List<String> problems = new ArrayList<>();
        for (Attempt attempt : corpus) {
            RawHttp.Answer answer = attempt.send().get();
            String text = (answer.head() + answer.body()).toLowerCase();
            if (answer.status() < 0 || answer.status() >= 500) {
                problems.add(attempt.description() + ": status " + answer.status() + "\n" + answer.head());
            } else if (!locationStaysHere(answer.head())) {
                problems.add(attempt.description() + ": redirects away\n" + answer.head());
            } else if (text.contains("exception") || text.contains("at org.") || text.contains("at java.")
                    || text.contains("payara") || text.contains("glassfish") || text.contains("web-app")
                    || text.contains("wadl") || text.contains("jersey") || text.contains("signin_sign_ins")
                    || answer.body().contains(">49<") || answer.body().contains("\"49\"")) {
                problems.add(attempt.description() + ": leaked something\n" + answer.head() + "\n" + answer.body());
            }
        }
        assertEquals(List.of(), problems, problems.size() + " of " + corpus.size() + " requests misbehaved");

        // Nothing stored that should not be: no account with a hostile username, the table intact.
        assertEquals(usersBefore, count(server, "SELECT COUNT(*) FROM users"), "no account was created from hostile input");
        assertEquals(0, count(server, "SELECT COUNT(*) FROM users WHERE NOT REGEXP_LIKE(username, '^[A-Za-z0-9._-]{3,32}$')"));
        // The victim's profile took the last valid name and about text: shown escaped, never evaluated.
        Page profile = browser.get("/");
        assertEquals(200, profile.status());
        assertFalse(profile.body().contains("<script>alert(1)</script>") || profile.body().contains("onerror=alert"));
        // The corpus's wrong current passwords have put the account in its wait (they are counted like
        // failed sign-ins); a browser the owner signed in with before is still let through.
        Browser known = new Browser(browser.uri(""));
        known.setCookie("signin_device", browser.cookie("signin_device").orElseThrow());
        Page signIn = Accounts.signIn(known, username, Accounts.PASSWORD, false);
        assertEquals(303, signIn.status(), "the password was not changed by any of it");
    }

    /** Paths whose characters outside ASCII end in the byte of '/' or '\\'. */
    static List<String> lowByteNexts() {
        List<String> nexts = new ArrayList<>();
        for (int high : new int[]{0x01, 0x02, 0x4E, 0xFF}) {
            for (char low : new char[]{'/', '\\'}) {
                char c = (char) (high << 8 | low);
                nexts.add("/" + c + "evil.example");
                nexts.add("/" + c + c + "evil.example/x");
            }
        }
        return nexts;
    }

    @Test
    void nextCannotLeaveTheSiteWhateverItsCharacters(Browser browser) {
        String username = Accounts.signUp(new Browser(browser.uri("")), "lowbyte");
        for (String next : lowByteNexts()) {
            Browser visitor = new Browser(browser.uri(""));
            Page form = visitor.get("/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            Page signedIn = visitor.post("/sign-in", Map.of("username", username, "password", Accounts.PASSWORD,
                    "next", next, "_csrf", form.csrf()));
            assertEquals(303, signedIn.status(), signedIn::toString);
            assertTrue(locationStaysHere("Location: " + signedIn.location().orElseThrow()), signedIn.location().orElseThrow());
            // Signed in, the same next is followed at once.
            Page again = visitor.get("/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            assertTrue(locationStaysHere("Location: " + again.location().orElseThrow()), again.location().orElseThrow());
            Accounts.signOut(visitor);
        }
    }

    /** A Location header, as the bytes on the wire say it, is a path of this site: ASCII, "/", not "//" or "/\\". */
    static boolean locationStaysHere(String head) {
        return head.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
                .map(l -> l.substring(9).strip())
                .allMatch(v -> v.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                        && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\"));
    }

    @Test
    void elAndScriptInNameAndAboutAreShownLiterally(Browser browser) {
        Accounts.signUp(browser, "literal");
        Page saved = browser.submit("/account", "/account/profile", Map.of("name", "${7*7} #{7*7}", "about", "<%= 7*7 %>\n<b>bold</b>"));
        assertEquals(303, saved.status());
        String html = browser.get("/").body();
        assertTrue(html.contains("<h1>${7*7} #{7*7}</h1>"), html);
        assertTrue(html.contains("&lt;%= 7*7 %&gt;\n&lt;b&gt;bold&lt;/b&gt;"), html);
        assertFalse(html.contains(">49<"));
    }

    static long count(PayaraMicro server, String sql) throws Exception {
        try (Connection db = server.database(); ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String abbreviate(String s) {
        String oneLine = s.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
        return oneLine.length() > 30 ? oneLine.substring(0, 30) + "…(" + s.length() + ")" : oneLine;
    }
}
