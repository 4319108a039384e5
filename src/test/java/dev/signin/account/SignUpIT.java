package dev.signin.account;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
class SignUpIT {

    static Map<String, String> fields(String username, String name, String password, String confirm) {
        return Map.of("username", username, "name", name, "password", password, "confirm", confirm);
    }

    @Test
    void signingUpSignsInUnderANewSessionAndShowsTheProfile(Browser browser) {
        Page form = browser.get("/sign-up");
        assertEquals(200, form.status());
        assertTrue(browser.cookie("signin_session").isEmpty(), "no session for a visitor of the form");
        String username = Accounts.uniqueUsername("Ada");

        Page created = browser.post("/sign-up", Map.of("username", username, "name", "Ada Lovelace",
                "password", Accounts.PASSWORD, "confirm", Accounts.PASSWORD, "_csrf", form.csrf()));
        assertEquals(303, created.status());
        assertEquals("/", created.location().orElseThrow());
        assertTrue(browser.cookie("signin_session").isPresent(), "a session from sign-up on");

        Page profile = browser.get("/");
        String today = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH).format(LocalDate.now(ZoneOffset.UTC));
        assertAll(
                () -> assertEquals(200, profile.status()),
                () -> assertTrue(profile.body().contains("<h1>Ada Lovelace</h1>"), "display name"),
                () -> assertTrue(profile.body().contains("<dd>" + username + "</dd>"), "username"),
                () -> assertTrue(profile.body().contains(today), "member since " + today),
                () -> assertTrue(profile.body().contains("Nothing written yet."), "empty about text"),
                () -> assertTrue(profile.body().contains("action=\"/sign-out\""), "a sign-out button"),
                () -> assertEquals("no-store", profile.headers().firstValue("Cache-Control").orElse("")));
    }

    @Test
    void eachInvalidFieldGetsItsMessageAndTheInputIsKept(Browser browser) {
        Page page = browser.submit("/sign-up", "/sign-up", fields("a!", "", "short", "different"));
        assertEquals(422, page.status());
        String html = page.body();
        assertAll(
                () -> assertTrue(html.contains("id=\"username-error\">Use only letters, digits")
                        || html.contains("id=\"username-error\">Use 3 to 32 characters."), "username message"),
                () -> assertTrue(html.contains("id=\"name-error\">Enter your name."), "name message"),
                () -> assertTrue(html.contains("id=\"password-error\">Use 8 to 128 characters."), "password message"),
                () -> assertTrue(html.contains("aria-describedby=\"username-hint username-error\""), "tied to the field"),
                () -> assertEquals(java.util.Optional.of("a!"), page.inputValue("username"), "username kept"),
                () -> assertFalse(html.contains("short") || html.contains("different"), "passwords never echoed"));
        assertEquals(303, browser.get("/").status(), "no account, not signed in");
    }

    @Test
    void theConfirmationMustMatch(Browser browser) {
        String username = Accounts.uniqueUsername("confirm");
        Page page = browser.submit("/sign-up", "/sign-up", fields(username, "C", "password-one", "password-two"));
        assertEquals(422, page.status());
        assertTrue(page.body().contains("id=\"confirm-error\">The passwords do not match."));
        // and nothing was created: the name is still free
        Accounts.signUp(new Browser(browser.uri("")), username, "C", "password-one");
    }

    @Test
    void usernamesAreUniqueIgnoringCase(Browser browser) {
        String username = Accounts.signUp(new Browser(browser.uri("")), "Taken");
        Page page = browser.submit("/sign-up", "/sign-up",
                fields(username.toUpperCase(), "Copycat", Accounts.PASSWORD, Accounts.PASSWORD));
        assertEquals(422, page.status());
        assertTrue(page.body().contains("This username is taken."));
    }

    @Test
    void whetherAUsernameIsTakenIsSaidOnlyForAnOtherwiseValidForm(Browser browser) {
        String username = Accounts.signUp(new Browser(browser.uri("")), "Existing");
        for (Map<String, String> halfFilled : List.of(
                fields(username, "Copycat", Accounts.PASSWORD, "a different confirmation"),
                fields(username, "Copycat", "password", "password"),
                fields(username, "Copycat", "short", "short"),
                fields(username, "", Accounts.PASSWORD, Accounts.PASSWORD))) {
            Page page = browser.submit("/sign-up", "/sign-up", halfFilled);
            assertEquals(422, page.status());
            assertFalse(page.body().contains("This username is taken."), "said nothing about the name: " + halfFilled);
        }
    }

    @Test
    void signUpAttemptsAreLimitedPerAddress(Browser prober) {
        String username = Accounts.signUp(new Browser(prober.uri("")), "probed");
        Page held = null;
        for (int i = 0; i < 25 && held == null; i++) {
            Page page = prober.submit("/sign-up", "/sign-up", fields(username, "Prober", Accounts.PASSWORD, Accounts.PASSWORD));
            if (page.status() == 429) {
                held = page;
            } else {
                assertEquals(422, page.status(), page::toString);
            }
        }
        assertTrue(held != null, "20 free attempts, then a wait");
        long retryAfter = Long.parseLong(held.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(held.body().contains("Too many sign-ups from your address. Please wait"), held.body());
        assertFalse(held.body().contains("This username is taken."), "nothing said about the name while held back");
        Accounts.signUp(new Browser(prober.uri("")), "otheraddress"); // other addresses are not affected
    }

    @Test
    void signUpAttemptsFromThirtyAddressesOfOneIpv6NetworkAreLimitedLikeOneAddress(Browser browser) {
        String username = Accounts.signUp(new Browser(browser.uri("")), "probed64");
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        String network = String.format("2001:db8:%x:%x:", random.nextInt(0x1000, 0x10000), random.nextInt(0x1000, 0x10000));
        Page held = null;
        int taken = 0;
        for (int i = 1; i <= 30 && held == null; i++) {
            Browser prober = new Browser(browser.uri(""), network + ":" + Integer.toHexString(i));
            Page page = prober.submit("/sign-up", "/sign-up", fields(username, "Prober", Accounts.PASSWORD, Accounts.PASSWORD));
            if (page.status() == 429) {
                held = page;
            } else {
                assertEquals(422, page.status(), page::toString);
                assertTrue(page.body().contains("This username is taken."), page.body());
                taken++;
            }
        }
        assertTrue(held != null, "30 addresses of one /64 got " + taken + " answers about the name, and no wait");
        assertTrue(taken >= 20 && taken <= 23, "20 free attempts for the /64 (a slow machine may see a wait end): " + taken);
        assertTrue(held.body().contains("Too many sign-ups from your address. Please wait"), held.body());
    }

    @Test
    void hostileTextIsShownEscaped(Browser browser) {
        String name = "<script>alert('x')</script> & \"quotes\"";
        Accounts.signUp(browser, Accounts.uniqueUsername("xss"), name, Accounts.PASSWORD);
        Page profile = browser.get("/");
        assertFalse(profile.body().contains("<script>alert"), "never raw");
        assertTrue(profile.body().contains("&lt;script&gt;alert(&#039;x&#039;)&lt;/script&gt; &amp; &#034;quotes&#034;"),
                profile.body());
    }

    @Test
    void oversizedFieldsAreRefusedWithAPageNotAnError(Browser browser) {
        Page page = browser.submit("/sign-up", "/sign-up",
                fields("u".repeat(10_000), "n".repeat(10_000), "p".repeat(10_000), "p".repeat(10_000)));
        assertEquals(422, page.status());
        assertTrue(page.body().contains("Use 3 to 32 characters.") && page.body().contains("Use at most 100 characters.")
                && page.body().contains("Use 8 to 128 characters."));
    }

    @Test
    void missingFieldsAreRefusedWithAPage(Browser browser) {
        Page page = browser.submit("/sign-up", "/sign-up", Map.of());
        assertEquals(422, page.status());
        assertTrue(page.body().contains("Choose a username."), page.body());
    }

    @Test
    void aSignedInUserVisitingSignUpGoesToTheProfile(Browser browser) {
        Accounts.signUp(browser, "twice");
        Page page = browser.get("/sign-up");
        assertEquals(303, page.status());
        assertEquals("/", page.location().orElseThrow());
    }
}
