package dev.signin.web.pages;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeRedirectTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/account", "/account/sessions?tab=2", "/a/b#top", "/%2F%2Fevil.com", "/search?q=a%20b"})
    void keepsLocalPaths(String next) {
        assertEquals(next, SafeRedirect.localPath(next));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "//evil.com", "///evil.com", "//evil.com/path", "https://evil.com", "http://evil.com/", "HTTPS://evil.com",
            "/\\evil.com", "\\/evil.com", "\\\\evil.com", "/\t/evil.com", "/\n/evil.com", "/\r\n/evil.com",
            "/ /evil.com", "javascript:alert(1)", "data:text/html,x", "evil.com", "account", "http:/evil.com",
            "/\u0000/evil.com", "/\u007f", "/a\u0085b", "/%zz^", "?next=/x", "#top"})
    void fallsBackToRootForAnythingElse(String next) {
        assertEquals("/", SafeRedirect.localPath(next));
    }

    /**
     * The container writes each character of a header as its low byte: U+012F becomes '/', U+015C
     * becomes '\\'. What goes into Location is ASCII only: anything else is percent-encoded as
     * UTF-8 first, then checked.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/\u012Fevil.com", "/\u015Cevil.com", "/\u022F\u022Fevil.com", "/\uFF0F\uFF0Fevil.com",
            "/\u0100\u012Fevil.com", "/caf\u00e9?q=\u00fc", "/\u2215\u2215evil.com", "/\u3000/evil.com"})
    void whatGoesOnTheWireIsAsciiAndLocal(String next) {
        String location = SafeRedirect.localPath(next);
        assertTrue(location.chars().allMatch(c -> c > 0x20 && c < 0x7f), location);
        assertTrue(location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\"), location);
        assertEquals(next, URLDecoder.decode(location.replace("+", "%2B"), StandardCharsets.UTF_8), "the same path, encoded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/\uD800evil", "/a\uDC00"})
    void unpairedSurrogatesFallBackToRoot(String next) {
        assertEquals("/", SafeRedirect.localPath(next));
    }

    @org.junit.jupiter.api.Test
    void refusesAbsurdlyLongPaths() {
        assertEquals("/", SafeRedirect.localPath("/" + "a".repeat(5000)));
    }
}
