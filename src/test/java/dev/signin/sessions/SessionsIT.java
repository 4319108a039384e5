package dev.signin.sessions;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
public class SessionsIT {

    public static List<String> sessionIds(Page page) {
        Matcher m = Pattern.compile("name=\"session\" value=\"([^\"]+)\"").matcher(page.body());
        return m.results().map(r -> r.group(1)).toList();
    }

    /** The ids of the listed sessions other than the one making the request. */
    static List<String> otherSessionIds(Page page) {
        return Pattern.compile("<li class=\"card session").splitAsStream(page.body()).skip(1)
                .filter(item -> !item.contains("This session"))
                .map(item -> sessionIds(new Page(page.status(), page.headers(), item)).get(0))
                .toList();
    }

    @Test
    void theListShowsEachSessionWithItsAddressAndBrowserAndMarksThisOne(Browser phone) {
        String username = Accounts.signUp(phone, "list");
        Browser laptop = new Browser(phone.uri(""));
        Accounts.signIn(laptop, username, PASSWORD, false);

        Page page = phone.get("/account/sessions");
        assertEquals(200, page.status());
        assertEquals(2, sessionIds(page).size(), page.body());
        assertTrue(page.body().contains(phone.clientAddress()) && page.body().contains(laptop.clientAddress()));
        assertTrue(page.body().contains("Java HTTP client"), "the browser");
        assertEquals(1, page.body().split("This session", -1).length - 1, "exactly one marked as this one");
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertFalse(page.body().contains(phone.cookie("signin_session").orElseThrow()), "never the session cookie");
    }

    @Test
    void endingAnotherSessionSignsThatBrowserOut(Browser phone) {
        String username = Accounts.signUp(phone, "endone");
        Browser laptop = new Browser(phone.uri(""));
        Accounts.signIn(laptop, username, PASSWORD, true);

        Page list = phone.get("/account/sessions");
        String laptopSession = otherSessionIds(list).get(0);
        Page ended = phone.post("/account/sessions/end", Map.of("session", laptopSession, "_csrf", list.csrf()));
        assertEquals(303, ended.status());
        assertTrue(phone.follow(ended).body().contains("The session has been ended."));
        assertEquals(303, laptop.get("/").status(), "the laptop's session is over");
        assertEquals(200, phone.get("/").status());
        assertEquals(1, sessionIds(phone.get("/account/sessions")).size());
    }

    @Test
    void endAllOthers(Browser phone) {
        String username = Accounts.signUp(phone, "endall");
        Browser laptop = new Browser(phone.uri(""));
        Browser tablet = new Browser(phone.uri(""));
        Accounts.signIn(laptop, username, PASSWORD, false);
        Accounts.signIn(tablet, username, PASSWORD, false);
        Page done = phone.submit("/account/sessions", "/account/sessions/end-others", Map.of());
        assertEquals(303, done.status());
        assertTrue(phone.follow(done).body().contains("2 other sessions have been ended."));
        assertEquals(303, laptop.get("/").status());
        assertEquals(303, tablet.get("/").status());
        assertEquals(200, phone.get("/").status());
    }

    @Test
    void nobodyCanEndSomeoneElsesSession(Browser victim) {
        String username = Accounts.signUp(victim, "victimsession");
        String victimsSession = sessionIds(victim.get("/account/sessions")).get(0);
        Browser mallory = new Browser(victim.uri(""));
        Accounts.signUp(mallory, "mallory");
        Page page = mallory.submit("/account/sessions", "/account/sessions/end", Map.of("session", victimsSession));
        assertEquals(404, page.status());
        assertEquals(200, victim.get("/").status(), username + " is still signed in");
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverActive(PayaraMicro server, Browser browser) throws Exception {
        Accounts.signUp(browser, "lifetime");
        String id = sessionIds(browser.get("/account/sessions")).get(0);
        try (Connection db = server.database();
             PreparedStatement aged = db.prepareStatement(
                     "UPDATE user_sessions SET started_at = DATEADD('HOUR', -12, CURRENT_TIMESTAMP) - INTERVAL '1' MINUTE WHERE id = ?")) {
            aged.setString(1, id);
            assertEquals(1, aged.executeUpdate());
        }
        assertEquals(303, browser.get("/").status(), "twelve hours after sign-in the session is over");
    }

    @Test
    void signOutMarksTheSessionEndedInTheRegistry(PayaraMicro server, Browser browser) throws Exception {
        Accounts.signUp(browser, "registry");
        String id = sessionIds(browser.get("/account/sessions")).get(0);
        Accounts.signOut(browser);
        try (Connection db = server.database();
             PreparedStatement q = db.prepareStatement("SELECT end_reason FROM user_sessions WHERE id = ?")) {
            q.setString(1, id);
            var rs = q.executeQuery();
            assertTrue(rs.next());
            assertEquals("signed_out", rs.getString(1));
        }
    }
}
