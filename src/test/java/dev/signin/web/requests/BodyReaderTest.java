package dev.signin.web.requests;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BodyReaderTest {

    static final int LIMIT = 64 * 1024;

    @Test
    void theDeadlineIsTenSecondsAndOneSecondPerKibStarted() {
        assertEquals(Duration.ofSeconds(11), BodyReader.deadline(1, LIMIT));
        assertEquals(Duration.ofSeconds(11), BodyReader.deadline(1024, LIMIT));
        assertEquals(Duration.ofSeconds(12), BodyReader.deadline(1025, LIMIT));
        assertEquals(Duration.ofSeconds(74), BodyReader.deadline(LIMIT, LIMIT));
        assertEquals(Duration.ofSeconds(74), BodyReader.deadline(-1, LIMIT), "no length: the time of the largest body");
        assertEquals(Duration.ofSeconds(74), BodyReader.deadline(10_000_000, LIMIT), "never more than the largest body's");
    }

    @Test
    void whichRequestsMayCarryABody() {
        assertTrue(BodyReader.mayHaveBody("POST", 12, "HTTP/1.1"));
        assertTrue(BodyReader.mayHaveBody("GET", 12, "HTTP/1.1"), "a length is a body, whatever the method");
        assertFalse(BodyReader.mayHaveBody("POST", 0, "HTTP/1.1"));
        assertFalse(BodyReader.mayHaveBody("POST", -1, "HTTP/1.1"), "HTTP/1.1 without a length has none (chunked is refused before)");
        assertTrue(BodyReader.mayHaveBody("POST", -1, "HTTP/2.0"), "HTTP/2 needs no length");
        assertFalse(BodyReader.mayHaveBody("GET", -1, "HTTP/2.0"));
        assertFalse(BodyReader.mayHaveBody("HEAD", -1, "HTTP/2.0"));
    }

    @Test
    void aBodyInPartsIsWholeWhenAllOfItCame() {
        BodyReader body = new BodyReader(11, LIMIT);
        assertTrue(body.add("hello ".getBytes(StandardCharsets.US_ASCII), 6));
        assertFalse(body.add("world!!".getBytes(StandardCharsets.US_ASCII), 7), "its last byte decides");
        assertEquals(BodyReader.Outcome.WHOLE, body.outcome());
        assertFalse(body.ended());
        assertArrayEquals("hello world".getBytes(StandardCharsets.US_ASCII), body.bytes());
        assertFalse(body.expired(), "a deadline after the end changes nothing");
        assertEquals(BodyReader.Outcome.WHOLE, body.outcome());
    }

    @Test
    void theFirstOutcomeDecides() {
        BodyReader late = new BodyReader(100, LIMIT);
        late.add(new byte[10], 10);
        assertTrue(late.expired());
        assertFalse(late.add(new byte[90], 90), "bytes after the deadline are not taken");
        assertFalse(late.ended());
        assertEquals(BodyReader.Outcome.TOO_SLOW, late.outcome());
        assertThrows(IllegalStateException.class, late::bytes);
    }

    @Test
    void bytesAfterTheLengthAreNotTheBodys() {
        BodyReader upgraded = new BodyReader(4, LIMIT);
        assertFalse(upgraded.add("a=bcGET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII), 18));
        assertEquals(BodyReader.Outcome.WHOLE, upgraded.outcome());
        assertArrayEquals("a=bc".getBytes(StandardCharsets.US_ASCII), upgraded.bytes());
    }

    @Test
    void moreThanTheLimitIsTooLarge() {

        BodyReader unbounded = new BodyReader(-1, 8);
        assertTrue(unbounded.add(new byte[8], 8));
        assertFalse(unbounded.add(new byte[1], 1));
        assertEquals(BodyReader.Outcome.TOO_LARGE, unbounded.outcome());
    }

    @Test
    void lessThanTheLengthOrAFailureIsBroken() {
        BodyReader shorter = new BodyReader(10, LIMIT);
        shorter.add(new byte[3], 3);
        assertTrue(shorter.ended());
        assertEquals(BodyReader.Outcome.BROKEN, shorter.outcome());

        BodyReader gone = new BodyReader(10, LIMIT);
        assertTrue(gone.failed());
        assertEquals(BodyReader.Outcome.BROKEN, gone.outcome());
    }

    @Test
    void theFieldsOfTheQueryStringAndTheFormAsTheContainerParsesThem() {
        Map<String, String[]> fields = ReadBody.fields("next=%2Faccount&a=1",
                "username=ada+l&a=2&empty=&flag&bad=%zz&caf%C3%A9=%E2%82%AC".getBytes(StandardCharsets.US_ASCII));
        assertEquals("/account", fields.get("next")[0]);
        assertArrayEquals(new String[]{"1", "2"}, fields.get("a"), "the query string's first");
        assertEquals("ada l", fields.get("username")[0]);
        assertEquals("", fields.get("empty")[0]);
        assertEquals("", fields.get("flag")[0]);
        assertFalse(fields.containsKey("bad"), "a field that does not decode is left out");
        assertEquals("€", fields.get("café")[0]);
        assertTrue(ReadBody.fields(null, new byte[0]).isEmpty());
    }
}
