package dev.signin.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @org.junit.jupiter.api.Test
    void refusesAbsurdlyLongPaths() {
        assertEquals("/", SafeRedirect.localPath("/" + "a".repeat(5000)));
    }
}
