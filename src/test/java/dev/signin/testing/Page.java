package dev.signin.testing;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HTTP answer, with the look-ups tests need. */
public record Page(int status, HttpHeaders headers, String body) {

    private static final Pattern CSRF = Pattern.compile("name=\"" + Browser.CSRF_FIELD + "\" value=\"([^\"]+)\"");

    public Optional<String> location() {
        return headers.firstValue("Location");
    }

    /** The CSRF token of the first form on the page. */
    public String csrf() {
        Matcher m = CSRF.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no " + Browser.CSRF_FIELD + " field on the page:\n" + body);
        }
        return m.group(1);
    }

    /** The value of an input, by name. */
    public Optional<String> inputValue(String name) {
        Matcher m = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(body);
        if (!m.find()) {
            return Optional.empty();
        }
        Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(m.group());
        return Optional.of(value.find() ? value.group(1) : "");
    }

    /** The raw Set-Cookie header for a cookie, if this answer set it. */
    public Optional<String> setCookie(String name) {
        return setCookies().stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    public List<String> setCookies() {
        return headers.allValues("Set-Cookie");
    }

    /** The body without per-request values (CSRF tokens), to compare two pages. */
    public String bodyWithoutTokens() {
        return CSRF.matcher(body).replaceAll("name=\"" + Browser.CSRF_FIELD + "\" value=\"-\"");
    }

    @Override
    public String toString() {
        return status + " " + headers.map() + "\n" + body;
    }
}
