package dev.signin.web.requests;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WellFormedFormsTest {

    @Test
    void aFormInUtf8OrWithoutCharsetIsTheOnlyContentType() {
        for (String type : new String[]{"application/x-www-form-urlencoded", "application/x-www-form-urlencoded;charset=UTF-8",
                "Application/X-WWW-Form-Urlencoded; charset=\"utf-8\""}) {
            assertTrue(WellFormedForms.isUtf8Form(type), type);
        }
        for (String type : new String[]{null, "", "application/json", "text/plain", "multipart/form-data; boundary=x", "*/*",
                "application/*", "application/x-www-form-urlencoded; charset=bogus", "application/x-www-form-urlencoded; charset=ISO-8859-1",
                "application/x-www-form-urlencoded; charset=UTF-16", "garbage/;;;", "application/x-www-form-urlencoded; charset="}) {
            assertFalse(WellFormedForms.isUtf8Form(type), type);
        }
    }

    @Test
    void percentEncodingMustBeWholeAndDecodeToUtf8() {
        for (String body : new String[]{"", "a=b", "a=b&c=d", "a", "a=&=b&&", "name=%C3%A9t%C3%A9+x", "k=%F0%9F%94%91", "x=%00",
                "_csrf=abc-DEF_123&next=%2Faccount%3Fa%3D1"}) {
            assertTrue(WellFormedForms.isWellFormed(body.getBytes(StandardCharsets.UTF_8)), body);
        }
        for (String body : new String[]{"a=%zz", "a=%", "a=%4", "a=%E0%A4%A", "a=%ED%A0%80", "a=%C0%AF", "a=%FF", "%C3=b", "a=%C3&b=%A9"}) {
            assertFalse(WellFormedForms.isWellFormed(body.getBytes(StandardCharsets.UTF_8)), body);
        }
        assertFalse(WellFormedForms.isWellFormed(new byte[]{'a', '=', (byte) 0xC3, (byte) 0x28}), "raw invalid UTF-8");
        assertTrue(WellFormedForms.isWellFormed("a=é".getBytes(StandardCharsets.UTF_8)), "raw UTF-8");
    }
}
