package dev.signin.web;

import dev.signin.testing.Browser;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plain HTTP listener speaks HTTP/1.1 only: behind a proxy that passes Upgrade through (as
 * WebSocket set-ups do), an h2c upgrade or an HTTP/2 preface would tunnel past the proxy's rules,
 * and let the client choose its own X-Forwarded-For. HTTP/2 stays on over TLS (ALPN).
 */
@TestServer.Shared
class HttpVersionsIT {

    /** What Java's HttpClient and curl --http2 send to upgrade a plain connection. */
    static final String UPGRADE_HEADERS = "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n";
    /** The client preface of HTTP/2 with prior knowledge (RFC 9113 3.4) and an empty SETTINGS frame. */
    static final byte[] PREFACE = concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            new byte[]{0, 0, 0, 4, 0, 0, 0, 0, 0});

    @Test
    void anH2cUpgradeIsAnsweredAsHttp11(PayaraMicro server) {
        String answer = RawHttp.exchange(server.port(), ("GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n" + UPGRADE_HEADERS + "\r\n")
                .getBytes(StandardCharsets.US_ASCII), 3_000).text();
        assertTrue(answer.startsWith("HTTP/1.1 200 "), "no 101, no switch: " + firstLines(answer));
        assertFalse(answer.toLowerCase().contains("\r\nupgrade:"), firstLines(answer));
        String file = RawHttp.exchange(server.port(), ("GET /assets/passkeys.js HTTP/1.1\r\nHost: 127.0.0.1\r\n" + UPGRADE_HEADERS + "\r\n")
                .getBytes(StandardCharsets.US_ASCII), 3_000).text();
        // A static file too. (Payara then drops its Content-Type: a gap SECURITY.md names; browsers never ask for h2c.)
        assertTrue(file.startsWith("HTTP/1.1 200 ") && file.contains("PublicKeyCredential"), "a static file too: " + firstLines(file));
    }

    @Test
    void anH2cUpgradeWithABodyHasItsBodyReadByContentLengthAndNothingAfterIt(PayaraMicro server, Browser browser) {
        String token = browser.get("/sign-in").csrf();
        String cookie = "signin_csrf=" + browser.cookie("signin_csrf").orElseThrow();
        byte[] form = Browser.form(Map.of("username", "upgrader", "password", "not the password", "_csrf", token))
                .getBytes(StandardCharsets.US_ASCII);
        // The form, then a second request on the same connection, as a smuggler would put it there.
        String request = "POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n" + UPGRADE_HEADERS + "Cookie: " + cookie + "\r\n"
                + "X-Forwarded-For: " + browser.clientAddress() + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length + "\r\n\r\n"
                + new String(form, StandardCharsets.US_ASCII)
                + "GET /assets/app.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        RawHttp.Exchange exchange = RawHttp.exchange(server.port(), request.getBytes(StandardCharsets.US_ASCII), 10_000);
        String answer = exchange.text();
        assertTrue(answer.startsWith("HTTP/1.1 200 "), "no 101: " + firstLines(answer));
        assertTrue(answer.contains("Invalid username or password") && answer.contains("value=\"upgrader\""),
                "the form was read by its Content-Length and answered: " + firstLines(answer));
        assertTrue(answer.toLowerCase().contains("\r\nconnection: close\r\n"), firstLines(answer));
        assertEquals(-1, answer.indexOf("HTTP/1.1 ", 12), "one answer: what followed the body was taken for nothing");
        assertTrue(exchange.closedByServer(), "and the connection closed");
    }

    @Test
    void aPriorKnowledgePrefaceIsRefused(PayaraMicro server) {
        String answer = RawHttp.exchange(server.port(), PREFACE, 5_000).text();
        assertTrue(answer.isEmpty() || answer.matches("(?s)HTTP/1\\.1 [45]\\d\\d .*"),
                "refused, in HTTP/1.1 or by closing, never an HTTP/2 frame: " + describe(answer));
        assertFalse(answer.contains("HTTP/1.1 2") || answer.contains("HTTP/1.1 1"), "nothing but refusals: " + describe(answer));
    }

    @Test
    void javasHttpClientWhichAsksForTheUpgradePostsFormsAsBefore(PayaraMicro server, Browser browser) throws Exception {
        String token = browser.get("/sign-in").csrf();
        String cookie = "signin_csrf=" + browser.cookie("signin_csrf").orElseThrow();
        // A new client for each: Java's HttpClient asks for h2c on its first request to a server (HTTP_2 is its default).
        HttpResponse<String> signIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/sign-in"))
                .header("Cookie", cookie).header("X-Forwarded-For", browser.clientAddress())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Browser.form(Map.of("username", "java-client",
                        "password", "not the password", "_csrf", token)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_1_1, signIn.version());
        assertEquals(200, signIn.statusCode(), signIn.body());
        assertTrue(signIn.body().contains("Invalid username or password") && signIn.body().contains("value=\"java-client\""), signIn.body());

        // An empty body with the upgrade headers: the JSON endpoint answers its options.
        HttpResponse<String> options = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/sign-in/passkey/options"))
                .header("Cookie", cookie).header("X-CSRF-TOKEN", token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_1_1, options.version());
        assertEquals(200, options.statusCode(), options.body());
        assertTrue(options.body().contains("\"challenge\""), options.body());
    }

    /** HTTP/2 over TLS, chosen by ALPN, stays: a server of its own with the HTTPS listener on. */
    @Test
    void http2StaysOnOverTls() throws Exception {
        try (PayaraMicro server = PayaraMicro.production("https")) {
            Path keystore = server.dataDir().resolveSibling("https-keystore.p12");
            Files.createDirectories(keystore.getParent());
            Files.deleteIfExists(keystore);
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "signin", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, keytoolOutput);
            int httpsPort = freePort();
            server.withOptions(List.of("-Djavax.net.ssl.keyStore=" + keystore, "-Djavax.net.ssl.keyStorePassword=changeit"),
                    List.of("--sslport", Integer.toString(httpsPort), "--sslcert", "signin"));
            server.start();

            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                keys.load(in, "changeit".toCharArray());
            }
            Certificate certificate = keys.getCertificate("signin");
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("signin", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(30)).build();

            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/sign-in"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, page.version(), "HTTP/2 by ALPN over TLS");
            String token = csrf(page.body());
            String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("signin_csrf="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow(() -> new AssertionError(page.headers().map().toString()));
            HttpResponse<String> signIn = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/sign-in"))
                    .timeout(Duration.ofSeconds(30)).header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Browser.form(Map.of("username", "over-tls",
                            "password", "not the password", "_csrf", token)))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, signIn.version());
            assertEquals(200, signIn.statusCode(), signIn.body());
            assertTrue(signIn.body().contains("Invalid username or password") && signIn.body().contains("value=\"over-tls\""),
                    "a form posted over HTTP/2 is read: " + signIn.body());

            // The plain listener of the same server still refuses to upgrade.
            String answer = RawHttp.exchange(server.port(), ("GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n" + UPGRADE_HEADERS + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII), 3_000).text();
            assertTrue(answer.startsWith("HTTP/1.1 200 "), firstLines(answer));
        }
    }

    private static String csrf(String body) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    private static String firstLines(String answer) {
        return answer.lines().limit(12).toList().toString();
    }

    /** An answer that may be binary (HTTP/2 frames): its first bytes in hex and as text. */
    private static String describe(String answer) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(answer.length(), 24); i++) {
            hex.append(String.format("%02x ", (int) answer.charAt(i)));
        }
        return answer.length() + " bytes: " + hex + "| " + firstLines(answer);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
