package dev.signin.auth.session;

import dev.signin.sessions.SessionsIT;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way users end their own session leaves the browser the same way: cookies removed, site data cleared. */
@TestServer.Shared
class SessionEndIT {

    static void assertEndedAlike(String how, Page page) {
        assertEquals(303, page.status(), () -> how + ": " + page);
        assertEquals("/sign-in", page.location().orElseThrow(), how);
        assertEquals("\"cache\", \"storage\"", page.headers().firstValue("Clear-Site-Data").orElse(""),
                how + " clears what the site left in the browser");
        String remember = page.setCookie(RememberMeIT.COOKIE).orElseThrow(() -> new AssertionError(how + " removes the remember-me cookie"));
        assertTrue(remember.toLowerCase().contains("max-age=0"), how + ": " + remember);
        assertTrue(page.setCookies().stream().noneMatch(c -> c.startsWith("signin_device=") && c.toLowerCase().contains("max-age=0")),
                how + " keeps the browser known (device cookie)");
    }

    static Browser rememberedUser(Browser base, String prefix) {
        Browser browser = new Browser(base.uri(""));
        String username = Accounts.signUp(browser, prefix);
        Accounts.signOut(browser);
        assertEquals(303, Accounts.signIn(browser, username, PASSWORD, true).status());
        return browser;
    }

    @Test
    void signOutDeletionAndEndingThisSessionAllEndItTheSameWay(Browser base) {
        Browser a = rememberedUser(base, "endsignout");
        assertEndedAlike("sign-out", Accounts.signOut(a));

        Browser b = rememberedUser(base, "enddelete");
        assertEndedAlike("account deletion", b.submit("/account", "/account/delete", Map.of("current", PASSWORD)));

        Browser c = rememberedUser(base, "endthis");
        Page list = c.get("/account/sessions");
        List<String> ids = SessionsIT.sessionIds(list);
        assertEquals(1, ids.size());
        assertEndedAlike("ending this session", c.post("/account/sessions/end", Map.of("session", ids.get(0), "_csrf", list.csrf())));
    }
}
