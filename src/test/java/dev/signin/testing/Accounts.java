package dev.signin.testing;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Creating users the way a visitor does: through the sign-up form. */
public final class Accounts {

    public static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000, 36);

    private Accounts() {
    }

    /** A username no other test uses, also across restarts of the test server. */
    public static String uniqueUsername(String prefix) {
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    /** Signs up (which signs in) and returns the username. */
    public static String signUp(Browser browser, String prefix) {
        String username = uniqueUsername(prefix);
        signUp(browser, username, "Name of " + username, PASSWORD);
        return username;
    }

    public static Page signUp(Browser browser, String username, String name, String password) {
        Page page = browser.submit("/sign-up", "/sign-up",
                Map.of("username", username, "name", name, "password", password, "confirm", password));
        assertEquals(303, page.status(), () -> "sign-up of " + username + " failed:\n" + page);
        return page;
    }

    /** Signs up (which signs in) with an e-mail address and follows the verification link mailed to it; the username. */
    public static String signUpVerified(Browser browser, MailServer.Mailbox mailbox, String email) {
        String username = uniqueUsername("verified");
        Page signedUp = browser.submit("/sign-up", "/sign-up", Map.of("username", username, "name", "Name of " + username,
                "email", email, "password", PASSWORD, "confirm", PASSWORD));
        assertEquals(303, signedUp.status(), signedUp::toString);
        URI link = URI.create(MailServer.Mailbox.link(mailbox.await(email, "Verify your e-mail address")));
        Page verified = browser.get(link.getRawPath() + "?" + link.getRawQuery());
        assertEquals(200, verified.status(), verified::toString);
        return username;
    }

    public static Page signIn(Browser browser, String username, String password, boolean remember) {
        Map<String, String> fields = remember
                ? Map.of("username", username, "password", password, "remember", "on")
                : Map.of("username", username, "password", password);
        return browser.submit("/sign-in", "/sign-in", fields);
    }

    public static Page signOut(Browser browser) {
        return browser.submit("/", "/sign-out", Map.of());
    }
}
