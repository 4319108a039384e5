package dev.signin.auth.passkeys;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The base64url fields a browser posts: read when well-formed and short enough, else refused without an exception. */
class PasskeyCodecTest {

    @Test
    void roundTripsWithOrWithoutPadding() {
        byte[] bytes = {0, -1, 62, 63, 127, -128};
        String text = PasskeyCodec.encode(bytes);
        assertArrayEquals(bytes, PasskeyCodec.field(text, 100).orElseThrow());
        assertArrayEquals(new byte[]{1}, PasskeyCodec.field("AQ==", 100).orElseThrow());
    }

    @Test
    void garbageIsEmptyNeverAnException() {
        for (String garbage : new String[]{null, "", "A", "not base64!", "a+b/", "%%%", "AQ=A", "=", "A".repeat(101)}) {
            assertTrue(PasskeyCodec.field(garbage, 100).isEmpty(), String.valueOf(garbage));
        }
    }
}
