package dev.signin.auth;

import dev.signin.account.TwoStepIT;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Concurrently;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.SoftAuthenticator;
import dev.signin.testing.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Passkeys over plain HTTP, with an authenticator in software ({@link SoftAuthenticator}) that
 * posts what a browser would: adding one, signing in with it (no code step), and every refusal:
 * no CSRF token, a challenge used twice, late, of another browser or another ceremony, a garbage
 * answer, a wrong origin, a counter that did not go up, a removed passkey. Each refusal is a 4xx
 * with our page or JSON, never a 500.
 */
@TestServer.Shared
public class PasskeyIT {

    static final String REFUSED = "That passkey was not accepted.";
    static final String EXPIRED = "Your passkey sign-in took too long or was already used.";

    public static JsonObject json(Page page) {
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), page::toString);
        return Json.createReader(new StringReader(page.body())).readObject();
    }

    static String origin(PayaraMicro server) {
        return "http://localhost:" + server.port();
    }

    /** A POST to an options endpoint as the script sends it: the CSRF token in the X-CSRF-TOKEN header (null: none). */
    public static Page options(Browser browser, String path, String csrf, Map<String, String> fields) {
        HttpRequest.Builder request = HttpRequest.newBuilder(browser.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Browser.form(fields)));
        return browser.send(csrf == null ? request : request.header("X-CSRF-TOKEN", csrf));
    }

    public static Page signInOptions(Browser browser) {
        return options(browser, "/sign-in/passkey/options", browser.get("/sign-in").csrf(), Map.of());
    }

    public static Page registrationOptions(Browser browser, String csrf, String password) {
        return options(browser, "/account/passkeys/options", csrf, Map.of("current", password));
    }

    public static Page answer(Browser browser, Map<String, String> assertion) {
        Map<String, String> fields = new HashMap<>(assertion);
        fields.put("_csrf", browser.get("/sign-in").csrf());
        return browser.post("/sign-in/passkey", fields);
    }

    /** Signs up, adds a passkey made by the authenticator; the username. */
    static String userWithPasskey(Browser browser, SoftAuthenticator authenticator) {
        return addPasskey(browser, authenticator, Accounts.signUp(browser, "passkey"));
    }

    public static String addPasskey(Browser browser, SoftAuthenticator authenticator, String username) {
        return addPasskey(browser, authenticator, username, Map.of());
    }

    /** Adds a passkey, with the second factor the account needs for it (a code, or a passkey's answer; none without one). */
    public static String addPasskey(Browser browser, SoftAuthenticator authenticator, String username, Map<String, String> secondFactor) {
        String csrf = browser.get("/account/passkeys").csrf();
        Map<String, String> fields = new HashMap<>(secondFactor);
        fields.put("current", Accounts.PASSWORD);
        JsonObject options = json(options(browser, "/account/passkeys/options", csrf, fields));
        Map<String, String> made = new HashMap<>(authenticator.create(options.getString("challenge"),
                options.getJsonObject("user").getString("id")));
        made.put("_csrf", csrf);
        made.put("name", "Soft key");
        Page added = browser.post("/account/passkeys/add", made);
        assertEquals(303, added.status(), added::toString);
        return username;
    }

    static void assertRefused(Page page, String message) {
        assertEquals(422, page.status(), page::toString);
        assertTrue(page.body().contains(message), page.body());
        assertTrue(page.setCookie("signin_session").isEmpty() || page.setCookie("signin_session").get().contains("Max-Age=0"),
                "no session: " + page.setCookies());
    }

    @Test
    void addAPasskeyThenSignInWithItAloneEvenWithTwoStepVerificationOn(PayaraMicro server) {
        Browser browser = new Browser(server.uri(""));
        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", origin(server));
        TwoStepIT.Enabled account = TwoStepIT.enable(browser, "passkey2fa");
        String username = addPasskey(browser, authenticator, account.username(), Map.of("code", TwoStepIT.code(account.key(), 1)));
        Page list = browser.get("/account/passkeys");
        assertTrue(list.body().contains("Soft key") && list.body().contains("not used yet"), list.body());
        Accounts.signOut(browser);

        JsonObject options = json(signInOptions(browser));
        assertEquals("localhost", options.getString("rpId"));
        assertEquals("required", options.getString("userVerification"));
        Page signedIn = answer(browser, authenticator.get(options.getString("challenge")));
        assertEquals(303, signedIn.status(), signedIn::toString);
        assertEquals("/", signedIn.location().orElseThrow());
        Page profile = browser.get("/");
        assertEquals(200, profile.status(), "signed in, no code asked");
        assertTrue(profile.body().contains("Name of " + username), profile.body());
        assertTrue(browser.get("/account/passkeys").body().contains("last used"));

        List<String> audit = server.logText().lines().filter(l -> l.contains("\"client\":\"" + browser.clientAddress() + "\"")).toList();
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"passkey_added\"")), audit::toString);
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"sign_in_passkey\"")), audit::toString);
    }

    @Test
    void withoutTheScriptThePasskeyFormsAreHiddenAndThePagesWorkAsBefore(Browser browser) {
        Page signIn = browser.get("/sign-in");
        assertTrue(signIn.body().matches("(?s).*<form[^>]*id=\"passkey-sign-in\"[^>]*\\shidden[\\s>].*"), signIn.body());
        assertTrue(signIn.body().contains("<script src=\"/assets/passkeys.js\" defer></script>"));
        assertEquals(1, signIn.body().split("<script", -1).length - 1, "one script, our file, no inline code");
        Accounts.signUp(browser, "passkeynoscript");
        Page settings = browser.get("/account/passkeys");
        assertEquals(200, settings.status());
        assertTrue(settings.body().matches("(?s).*<form[^>]*id=\"passkey-add\"[^>]*\\shidden[\\s>].*"), settings.body());
        assertTrue(settings.body().contains("Adding a passkey needs a browser that supports passkeys"));
        assertTrue(browser.get("/account").body().contains("href=\"/account/passkeys\""));
        Page script = browser.get("/assets/passkeys.js");
        assertEquals(200, script.status());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").contains("javascript"), script::toString);
    }

    @Test
    void theOptionsAndTheAnswersNeedTheCsrfToken(Browser browser) {
        String csrf = browser.get("/sign-in").csrf();
        assertEquals(403, options(browser, "/sign-in/passkey/options", null, Map.of()).status());
        assertEquals(403, options(browser, "/sign-in/passkey/options", "forged", Map.of()).status());
        assertEquals(403, options(browser, "/sign-in/passkey/options", null, Map.of("_csrf", csrf)).status(), "only in the header");
        assertEquals(403, browser.post("/sign-in/passkey", Map.of("credentialId", "AAAA")).status());
        assertTrue(browser.cookie("signin_passkey").isEmpty(), "no challenge was handed out");

        Accounts.signUp(browser, "passkeycsrf");
        assertEquals(403, options(browser, "/account/passkeys/options", null, Map.of("current", Accounts.PASSWORD)).status());
        assertEquals(403, options(browser, "/account/passkeys/options", csrf, Map.of("current", Accounts.PASSWORD)).status(),
                "the token of before sign-in is not the session's");
        assertEquals(403, browser.post("/account/passkeys/add", Map.of("name", "x")).status());
        assertEquals(403, browser.post("/account/passkeys/remove", Map.of("passkey", "x", "current", Accounts.PASSWORD)).status());
    }

    @Test
    void theSignInOptionsMakeNoSessionAndBindTheChallengeToThisBrowser(Browser browser, PayaraMicro server) {
        Page options = signInOptions(browser);
        json(options);
        assertTrue(options.setCookie("signin_passkey").orElseThrow().contains("HttpOnly"), options::toString);
        assertTrue(options.setCookie("signin_session").isEmpty(), "no session for a visitor");
        assertTrue(options.headers().firstValue("Cache-Control").orElse("").contains("no-store"));

        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", origin(server));
        Browser owner = new Browser(server.uri(""));
        userWithPasskey(owner, authenticator);
        Accounts.signOut(owner);
        // Another browser answers this browser's challenge: it has no cookie naming it.
        String challenge = json(signInOptions(browser)).getString("challenge");
        assertRefused(answer(owner, authenticator.get(challenge)), EXPIRED);
        assertEquals(303, browser.get("/").status(), "and this one is not signed in either");
    }

    @Test
    void aChallengeIsGoodOnceAGarbageAnswerUsesItUpAndIsA422(Browser browser, PayaraMicro server) {
        for (Map<String, String> garbage : List.of(Map.<String, String>of(),
                Map.of("credentialId", "AAAA", "userHandle", "AAAA", "authenticatorData", "AAAA", "clientDataJSON", "AAAA", "signature", "AAAA"),
                Map.of("credentialId", "not base64!", "userHandle", "%%%", "authenticatorData", "x", "clientDataJSON", "{}", "signature", "y"),
                Map.of("credentialId", "A".repeat(5000), "userHandle", "A", "authenticatorData", "A", "clientDataJSON", "A", "signature", "A"))) {
            signInOptions(browser);
            assertRefused(answer(browser, garbage), REFUSED);
            assertRefused(answer(browser, garbage), EXPIRED);
        }
        // A well-formed answer of a real passkey, replayed: its challenge was used up by the first use.
        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", origin(server));
        Browser owner = new Browser(server.uri(""));
        userWithPasskey(owner, authenticator);
        Accounts.signOut(owner);
        Page options = signInOptions(owner);
        Map<String, String> assertion = authenticator.get(json(options).getString("challenge"));
        String challengeCookie = owner.cookie("signin_passkey").orElseThrow();
        assertEquals(303, answer(owner, assertion).status());
        Accounts.signOut(owner);
        owner.setCookie("signin_passkey", challengeCookie);
        assertRefused(answer(owner, assertion), EXPIRED);
        // With a fresh challenge but the old answer (signed over the old one): refused by the signature check.
        owner.removeCookie("signin_passkey"); // the copy put in by hand above
        signInOptions(owner);
        assertRefused(answer(owner, assertion), REFUSED);
    }

    @Test
    void oneAnswerSentSeveralTimesAtOnceSignsInOnce(PayaraMicro server) {
        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", origin(server));
        Browser owner = new Browser(server.uri(""));
        userWithPasskey(owner, authenticator);
        Accounts.signOut(owner);
        Map<String, String> fields = new HashMap<>(authenticator.get(json(signInOptions(owner)).getString("challenge")));
        fields.put("_csrf", owner.get("/sign-in").csrf());
        List<Callable<Integer>> sends = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sends.add(() -> owner.post("/sign-in/passkey", fields).status());
        }
        List<Integer> statuses = Concurrently.run(sends);
        assertEquals(1, statuses.stream().filter(s -> s == 303).count(), "the challenge is taken once: " + statuses);
        assertEquals(3, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
    }

    @Test
    void aRegistrationsChallengeCannotSignIn(PayaraMicro server) {
        Browser browser = new Browser(server.uri(""));
        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", origin(server));
        userWithPasskey(browser, authenticator);
        String csrf = browser.get("/account/passkeys").csrf();
        Map<String, String> fields = new HashMap<>(StepUpIT.confirmWithPasskey(browser, authenticator, csrf, "add-passkey"));
        fields.put("current", Accounts.PASSWORD);
        String challenge = json(options(browser, "/account/passkeys/options", csrf, fields)).getString("challenge");
        String cookie = browser.cookie("signin_passkey").orElseThrow();
        Accounts.signOut(browser);
        browser.setCookie("signin_passkey", cookie);
        assertRefused(answer(browser, authenticator.get(challenge)), EXPIRED);
    }

    @Test
    void anotherOriginOrACounterThatDidNotGoUpIsRefused(PayaraMicro server) {
        Browser browser = new Browser(server.uri(""));
        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", origin(server));
        userWithPasskey(browser, authenticator);
        Accounts.signOut(browser);

        String challenge = json(signInOptions(browser)).getString("challenge");
        assertRefused(answer(browser, authenticator.assertion(challenge, "http://evil.localhost:" + server.port(), 5)), REFUSED);
        challenge = json(signInOptions(browser)).getString("challenge");
        assertRefused(answer(browser, authenticator.assertion(challenge, "http://127.0.0.1:" + server.port(), 5)), REFUSED);

        challenge = json(signInOptions(browser)).getString("challenge");
        assertEquals(303, answer(browser, authenticator.assertion(challenge, origin(server), 5)).status());
        Accounts.signOut(browser);
        for (long count : new long[]{5, 4, 0}) {
            challenge = json(signInOptions(browser)).getString("challenge");
            assertRefused(answer(browser, authenticator.assertion(challenge, origin(server), count)), REFUSED);
        }
        challenge = json(signInOptions(browser)).getString("challenge");
        assertEquals(303, answer(browser, authenticator.assertion(challenge, origin(server), 6)).status(), "a higher one passes");
    }

    @Test
    void removingAPasskeyTakesThePasswordAndThePasskeyAndThenItNoLongerSignsIn(PayaraMicro server) {
        Browser browser = new Browser(server.uri(""));
        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", origin(server));
        userWithPasskey(browser, authenticator);
        Page list = browser.get("/account/passkeys");
        String id = list.inputValue("passkey").orElseThrow();

        Map<String, String> confirmed = new HashMap<>(StepUpIT.confirmWithPasskey(browser, authenticator, list.csrf(), "remove-passkey"));
        confirmed.putAll(Map.of("_csrf", list.csrf(), "passkey", id));
        Map<String, String> wrongPassword = new HashMap<>(confirmed);
        wrongPassword.put("current", "not it");
        Page wrong = browser.post("/account/passkeys/remove", wrongPassword);
        assertEquals(422, wrong.status(), wrong::toString);
        assertTrue(wrong.body().contains("Your current password is not correct."));
        confirmed.put("current", Accounts.PASSWORD);
        Page removed = browser.post("/account/passkeys/remove", confirmed);
        assertEquals(303, removed.status(), removed::toString);
        assertTrue(browser.get("/account/passkeys").body().contains("You have no passkeys yet."));

        Accounts.signOut(browser);
        String challenge = json(signInOptions(browser)).getString("challenge");
        assertRefused(answer(browser, authenticator.get(challenge)), REFUSED);
    }

    @Test
    void addingNeedsThePasswordAndAFreshChallengeOfThisUser(PayaraMicro server) {
        Browser browser = new Browser(server.uri(""));
        Accounts.signUp(browser, "passkeyadd");
        String csrf = browser.get("/account/passkeys").csrf();
        Page wrong = registrationOptions(browser, csrf, "not it");
        assertEquals(422, wrong.status(), wrong::toString);
        assertTrue(wrong.body().contains("\"error\""), wrong.body());

        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", origin(server));
        JsonObject options = json(registrationOptions(browser, csrf, Accounts.PASSWORD));
        assertEquals("required", options.getJsonObject("authenticatorSelection").getString("residentKey"));
        assertEquals("required", options.getJsonObject("authenticatorSelection").getString("userVerification"));
        Map<String, String> fields = new HashMap<>(authenticator.create(options.getString("challenge"),
                options.getJsonObject("user").getString("id")));
        fields.put("_csrf", csrf);
        fields.put("name", "Twice");
        assertEquals(303, browser.post("/account/passkeys/add", fields).status());
        Page again = browser.post("/account/passkeys/add", fields);
        assertEquals(422, again.status(), "its challenge is used up");
        assertTrue(again.body().contains("took too long"), again.body());

        Map<String, String> garbage = new HashMap<>(Map.of("_csrf", csrf, "name", "x", "userHandle", "AAAA",
                "clientDataJSON", "AAAA", "attestationObject", "AAAA"));
        // The account has a passkey now: another one takes its answer too (StepUpIT).
        Map<String, String> confirmed = new HashMap<>(StepUpIT.confirmWithPasskey(browser, authenticator, csrf, "add-passkey"));
        confirmed.put("current", Accounts.PASSWORD);
        json(options(browser, "/account/passkeys/options", csrf, confirmed));
        Page refused = browser.post("/account/passkeys/add", garbage);
        assertEquals(422, refused.status(), refused::toString);
        assertTrue(refused.body().contains("could not be added"), refused.body());
        assertFalse(refused.body().contains("Exception"));
    }
}
