package dev.signin.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes no well-behaved client would (broken encodings, NUL bytes, odd headers) and reads
 * the answer. One request per connection.
 */
public final class RawHttp {

    public record Answer(int status, String head, String body) {
    }

    private RawHttp() {
    }

    public static Answer send(int port, byte[] request) {
        String text = exchange(port, request, 30_000).text();
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        if (!head.startsWith("HTTP/1.1 ")) {
            return new Answer(-1, head, body);
        }
        return new Answer(Integer.parseInt(head.substring(9, 12)), head, body);
    }

    /** All a connection answered, and whether the server closed it (or it was still open after the timeout). */
    public record Exchange(String text, boolean closedByServer) {
    }

    public static Exchange exchange(int port, byte[] request, int timeoutMillis) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            boolean closed = true;
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException keptOpen) {
                closed = false; // a keep-alive server that did not close: what came is the answer
            }
            return new Exchange(received.toString(StandardCharsets.ISO_8859_1), closed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any request, byte for byte: method, path, optional cookie and content type, extra header lines, body. */
    public static byte[] request(String method, String path, String cookieHeader, String contentType, byte[] body,
                                 String extraHeaders) {
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + (cookieHeader == null || cookieHeader.isEmpty() ? "" : "Cookie: " + cookieHeader + "\r\n")
                + extraHeaders
                + (body.length > 0 || !method.equals("GET") ? "Content-Length: " + body.length + "\r\n" : "")
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** A form POST with a raw (already encoded, possibly broken) body. */
    public static byte[] formPost(String path, String cookieHeader, byte[] body) {
        return request("POST", path, cookieHeader, "application/x-www-form-urlencoded", body, "");
    }

    public static byte[] get(String rawPath) {
        return get(rawPath, null);
    }

    public static byte[] get(String rawPath, String cookieHeader) {
        return request("GET", rawPath, cookieHeader, null, new byte[0], "");
    }
}
