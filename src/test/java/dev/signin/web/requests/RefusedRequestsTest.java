package dev.signin.web.requests;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefusedRequestsTest {

    @Test
    void plainPathsAreSegmentsWithoutParametersDotsOrEncodedSeparators() {
        for (String path : new String[]{"/", "/sign-in", "/sign-in/", "/account/passkeys/options", "/assets/app.css", "/a%20b", "/%C3%A9",
                "/x.y", "/...", "/.well-known"}) {
            assertTrue(RefusedRequests.isPlainPath(path), path);
        }
        for (String path : new String[]{null, "", "sign-in", "/sign-in;jsessionid=x", "/assets/..;/x", "/assets;x/app.css", "/;",
                "/assets/..", "/assets/../x", "/./sign-in", "/sign-in/.", "/..", "/.", "//assets", "/assets//app.css",
                "/assets/%2e%2e/x", "/assets/%2E./", "/assets/.%2e/", "/assets%2fapp.css", "/a%2F", "/assets/%5c", "/a\\b",
                "/a%3bb", "/%252e%252e/", "/a%3B"}) {
            assertFalse(RefusedRequests.isPlainPath(path), path);
        }
    }
}
