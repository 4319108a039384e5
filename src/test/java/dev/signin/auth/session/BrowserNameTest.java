package dev.signin.auth.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BrowserNameTest {

    @Test
    void namesCommonBrowsers() {
        assertEquals("Firefox on Windows", BrowserName.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"));
        assertEquals("Chrome on Android", BrowserName.of(
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"));
        assertEquals("Safari on iOS", BrowserName.of(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"));
        assertEquals("Edge on Windows", BrowserName.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0"));
        assertEquals("Java HTTP client", BrowserName.of("Java-http-client/17.0.15"));
        assertEquals("Unknown browser", BrowserName.of(""));
        assertEquals("Other browser", BrowserName.of("<script>"));
    }
}
