package dev.signin.web.requests;

import java.io.ByteArrayOutputStream;
import java.time.Duration;

/**
 * One request body as it comes in, in parts, and what became of it: whole, too slow, too large or
 * broken off. The first of these to happen decides; the others are then ignored (the bytes, the
 * deadline and the container's callbacks race). Plain Java, no servlet types: {@link WholeBodies}
 * feeds it.
 */
final class BodyReader {

    /** Every body gets this long, */
    static final Duration BASE_TIME = Duration.ofSeconds(10);
    /** and this much more per KiB (started) of its length: a sender slower than 1 KiB/s is cut off. */
    static final Duration TIME_PER_KIB = Duration.ofSeconds(1);

    enum Outcome { WHOLE, TOO_SLOW, TOO_LARGE, BROKEN }

    private final long expected;
    private final int limit;
    private final ByteArrayOutputStream bytes;
    private Outcome outcome;

    /**
     * @param contentLength the body's Content-Length, or -1 if it has none (HTTP/2): it then gets
     *                      the time of the largest body allowed
     * @param limit         the most bytes taken
     */
    BodyReader(long contentLength, int limit) {
        this.expected = contentLength;
        this.limit = limit;
        this.bytes = new ByteArrayOutputStream(contentLength < 0 ? 1024 : (int) Math.min(contentLength, limit));
    }

    /**
     * Whether a request of this method, Content-Length (-1: none) and protocol may carry a body:
     * over HTTP/1.x only with a length (a chunked body is refused before: {@link RefusedRequests}),
     * over HTTP/2 also without one, but for methods that take none.
     */
    static boolean mayHaveBody(String method, long contentLength, String protocol) {
        if (contentLength >= 0) {
            return contentLength > 0;
        }
        return !protocol.startsWith("HTTP/1.") && !protocol.startsWith("HTTP/0.")
                && !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS") && !method.equals("TRACE");
    }

    /** How long the whole body may take to arrive: 10 s, and 1 s per KiB started. */
    static Duration deadline(long contentLength, int limit) {
        long length = contentLength < 0 ? limit : Math.min(contentLength, limit);
        return BASE_TIME.plus(TIME_PER_KIB.multipliedBy((length + 1023) / 1024));
    }

    Duration deadline() {
        return deadline(expected, limit);
    }

    /**
     * Takes bytes that arrived, up to the Content-Length; false once decided. Its last byte decides
     * WHOLE (bytes after it are not the body's: over a connection that asked to be upgraded, the
     * container passes on everything that follows), and more than the limit decides TOO_LARGE.
     */
    synchronized boolean add(byte[] buffer, int length) {
        if (outcome != null) {
            return false;
        }
        int taken = expected < 0 ? length : (int) Math.min(length, expected - bytes.size());
        if (bytes.size() + (long) taken > limit) {
            outcome = Outcome.TOO_LARGE;
            return false;
        }
        bytes.write(buffer, 0, taken);
        if (bytes.size() == expected) {
            outcome = Outcome.WHOLE;
            return false;
        }
        return true;
    }

    /** The container read the whole body: true if that decides (a body shorter than its length is broken). */
    synchronized boolean ended() {
        return decide(expected < 0 || bytes.size() == expected ? Outcome.WHOLE : Outcome.BROKEN);
    }

    /** The deadline passed: true if that decides. */
    synchronized boolean expired() {
        return decide(Outcome.TOO_SLOW);
    }

    /** Reading failed (the client went away): true if that decides. */
    synchronized boolean failed() {
        return decide(Outcome.BROKEN);
    }

    private boolean decide(Outcome decided) {
        if (outcome != null) {
            return false;
        }
        outcome = decided;
        return true;
    }

    synchronized Outcome outcome() {
        return outcome;
    }

    /** The body, once WHOLE. */
    synchronized byte[] bytes() {
        if (outcome != Outcome.WHOLE) {
            throw new IllegalStateException("no whole body: " + outcome);
        }
        return bytes.toByteArray();
    }
}
