package dev.signin.auth;

import dev.signin.account.TwoStepIT;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.SoftAuthenticator;
import dev.signin.testing.TestServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second factor is not undone by the first: with an authenticator app or a passkey on, every
 * change to the factors needs the password and a current second factor (a code of the app, or a
 * passkey's answer to a challenge made for that change); a recovery code only turns two-step
 * verification off. The attacks of the outside review first, then each change either way.
 */
@TestServer.Shared
public class StepUpIT {

    static final String NEEDED = "Confirm it with a code from your authenticator app";
    static final String PASSKEY_NEEDED = "Confirming this needs one of your passkeys";

    static SoftAuthenticator authenticator(PayaraMicro server) {
        return new SoftAuthenticator("localhost", "http://localhost:" + server.port());
    }

    /** The step-up options as the script asks for them, for one purpose. */
    static JsonObject stepUpOptions(Browser browser, String csrf, String purpose) {
        return PasskeyIT.json(PasskeyIT.options(browser, "/account/step-up/options", csrf, Map.of("purpose", purpose)));
    }

    /** A passkey's answer made for this change: what the form posts beside the password. */
    static Map<String, String> confirmWithPasskey(Browser browser, SoftAuthenticator authenticator, String csrf, String purpose) {
        return authenticator.get(stepUpOptions(browser, csrf, purpose).getString("challenge"));
    }

    static Map<String, String> with(Map<String, String> fields, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(fields);
        all.putAll(more);
        return all;
    }

    static List<String> audit(PayaraMicro server, Browser browser, String event) {
        return server.logText().lines().filter(l -> l.contains("\"client\":\"" + browser.clientAddress() + "\""))
                .filter(l -> l.contains("\"event\":\"" + event + "\"")).toList();
    }

    @Test
    void thePasswordAloneCannotMakeRecoveryCodesThatThenTurnTwoStepOff(PayaraMicro server, Browser browser) {
        TwoStepIT.Enabled account = TwoStepIT.enable(browser, "stepup-codes");
        // The attacker has a session and the password, not the app.
        Page fresh = browser.submit("/account/two-step", "/account/two-step/recovery-codes", Map.of("current", PASSWORD));
        assertEquals(422, fresh.status(), "new recovery codes need the second factor too: " + fresh);
        assertTrue(fresh.body().contains(NEEDED), fresh.body());
        Matcher leaked = TwoStepIT.RECOVERY_CODE.matcher(fresh.body());
        assertFalse(leaked.find(), "no codes shown");
        String code = account.recoveryCodes().get(0);
        // Nor can the attacker's own guess or an old code of the page do it: only the owner's codes still work.
        Page off = browser.submit("/account/two-step", "/account/two-step/disable", Map.of("current", PASSWORD, "code", "aaaaaa-aaaaaa-aaaaaa-aaaaaa"));
        assertEquals(422, off.status(), off::toString);
        assertTrue(browser.get("/account/two-step").body().contains("recovery-codes-left"), "still on");
        assertFalse(audit(server, browser, "second_factor_required").isEmpty(), "the refusal is audited");
        assertTrue(audit(server, browser, "recovery_codes_regenerated").isEmpty());
        // The owner's own recovery code still turns it off (and is used up doing so).
        assertEquals(303, browser.submit("/account/two-step", "/account/two-step/disable", Map.of("current", PASSWORD, "code", code)).status());
    }

    @Test
    void thePasswordAloneCannotAddAPasskeyThatThenSignsInWithoutTheCode(PayaraMicro server, Browser browser) {
        TwoStepIT.Enabled account = TwoStepIT.enable(browser, "stepup-passkey");
        String csrf = browser.get("/account/passkeys").csrf();
        Page options = PasskeyIT.registrationOptions(browser, csrf, PASSWORD);
        assertEquals(422, options.status(), "no challenge to make a passkey with the password alone: " + options);
        assertTrue(options.body().contains(NEEDED), options.body());
        assertTrue(browser.cookie("signin_passkey").isEmpty(), "no registration challenge was handed out");
        // Were a challenge there anyway (the cookie of another answer), no passkey is added from it.
        SoftAuthenticator attacker = authenticator(server);
        Page added = browser.post("/account/passkeys/add", with(attacker.create("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAA"),
                Map.of("_csrf", csrf, "name", "Attacker")));
        assertEquals(422, added.status(), added::toString);
        Accounts.signOut(browser);
        Page signIn = PasskeyIT.answer(browser, attacker.get(PasskeyIT.json(PasskeyIT.signInOptions(browser)).getString("challenge")));
        assertEquals(422, signIn.status(), "the attacker's authenticator signs nobody in: " + signIn);
        assertEquals(303, browser.get("/").status());
        assertFalse(audit(server, browser, "second_factor_required").isEmpty());
        // With a code of the app, the owner adds one.
        TwoStepIT.signInWithPassword(browser, account.username(), false);
        assertEquals(303, TwoStepIT.enterCode(browser, TwoStepIT.code(account.key(), 0)).status());
        csrf = browser.get("/account/passkeys").csrf();
        JsonObject granted = PasskeyIT.json(PasskeyIT.options(browser, "/account/passkeys/options", csrf,
                Map.of("current", PASSWORD, "code", TwoStepIT.code(account.key(), 1))));
        SoftAuthenticator owner = authenticator(server);
        Page ownerAdded = browser.post("/account/passkeys/add", with(owner.create(granted.getString("challenge"),
                granted.getJsonObject("user").getString("id")), Map.of("_csrf", csrf, "name", "Owner's key")));
        assertEquals(303, ownerAdded.status(), ownerAdded::toString);
    }

    @Test
    void eachChangeOfTwoStepNeedsACodeAndARecoveryCodeOnlyTurnsItOff(PayaraMicro server, Browser browser) {
        TwoStepIT.Enabled account = TwoStepIT.enable(browser, "stepup-each");
        String recovery = account.recoveryCodes().get(0);
        // A recovery code is refused for new recovery codes and for adding a passkey, and is not used up by that.
        Page codes = browser.submit("/account/two-step", "/account/two-step/recovery-codes", Map.of("current", PASSWORD, "code", recovery));
        assertEquals(422, codes.status(), codes::toString);
        assertTrue(codes.body().contains("A recovery code can only turn two-step verification off"), codes.body());
        String csrf = browser.get("/account/passkeys").csrf();
        Page passkey = PasskeyIT.options(browser, "/account/passkeys/options", csrf, Map.of("current", PASSWORD, "code", recovery));
        assertEquals(422, passkey.status(), passkey::toString);
        assertTrue(browser.get("/account/two-step").body().contains("<strong id=\"recovery-codes-left\">10</strong>"), "not used up");
        assertFalse(audit(server, browser, "second_factor_refused").isEmpty(), "refusals are audited");

        Page wrong = browser.submit("/account/two-step", "/account/two-step/recovery-codes",
                Map.of("current", PASSWORD, "code", TwoStepIT.wrongCode(account.key())));
        assertEquals(422, wrong.status(), wrong::toString);
        Page fresh = browser.submit("/account/two-step", "/account/two-step/recovery-codes",
                Map.of("current", PASSWORD, "code", TwoStepIT.code(account.key(), 1)));
        assertEquals(200, fresh.status(), fresh::toString);
        Matcher m = TwoStepIT.RECOVERY_CODE.matcher(fresh.body());
        assertTrue(m.find());
        String newCode = m.group(1);
        assertEquals(422, browser.submit("/account/two-step", "/account/two-step/disable",
                Map.of("current", PASSWORD, "code", recovery)).status(), "the old codes stopped working");
        assertEquals(422, browser.submit("/account/two-step", "/account/two-step/disable",
                Map.of("current", PASSWORD)).status(), "turning it off without a code");
        Page off = browser.submit("/account/two-step", "/account/two-step/disable", Map.of("current", PASSWORD, "code", newCode));
        assertEquals(303, off.status(), "a recovery code turns it off: " + off);
        assertTrue(browser.get("/account/two-step").body().contains("Set up two-step verification"));
    }

    @Test
    void withAPasskeyEachChangeNeedsAPasskeyAnswerMadeForThatChange(PayaraMicro server, Browser browser) {
        SoftAuthenticator key = authenticator(server);
        PasskeyIT.userWithPasskey(browser, key);
        String csrf = browser.get("/account/passkeys").csrf();
        String id = browser.get("/account/passkeys").inputValue("passkey").orElseThrow();

        // The password alone: no second passkey, no app set up, the passkey not removed.
        Page options = PasskeyIT.registrationOptions(browser, csrf, PASSWORD);
        assertEquals(422, options.status(), options::toString);
        Page start = browser.submit("/account/two-step", "/account/two-step/start", Map.of("current", PASSWORD));
        assertEquals(422, start.status(), start::toString);
        assertTrue(start.body().contains(PASSKEY_NEEDED), start.body());
        Page remove = browser.post("/account/passkeys/remove", Map.of("_csrf", csrf, "passkey", id, "current", PASSWORD));
        assertEquals(422, remove.status(), remove::toString);
        assertTrue(remove.body().contains(PASSKEY_NEEDED), remove.body());
        assertFalse(browser.get("/account/passkeys").body().contains("You have no passkeys yet."));
        assertFalse(audit(server, browser, "second_factor_required").isEmpty());

        // An answer made for removing a passkey does not set up the app, nor sign in, nor does one of another challenge.
        Map<String, String> forRemoval = confirmWithPasskey(browser, key, csrf, "remove-passkey");
        Page misused = browser.post("/account/two-step/start", with(forRemoval, Map.of("_csrf", csrf, "current", PASSWORD)));
        assertEquals(422, misused.status(), misused::toString);
        assertTrue(misused.body().contains("That passkey did not confirm it") || misused.body().contains("took too long"), misused.body());
        assertFalse(audit(server, browser, "second_factor_refused").isEmpty());
        Map<String, String> toSignIn = confirmWithPasskey(browser, key, csrf, "remove-passkey");
        Browser other = new Browser(server.uri(""));
        other.setCookie("signin_passkey", browser.cookie("signin_step_up").orElseThrow());
        PasskeyIT.assertRefused(PasskeyIT.answer(other, toSignIn), PasskeyIT.EXPIRED);
        assertEquals(303, other.get("/").status(), "not signed in");
        confirmWithPasskey(browser, key, csrf, "set-up-app"); // a fresh challenge; the old answer was signed over another
        assertEquals(422, browser.post("/account/two-step/start", with(forRemoval, Map.of("_csrf", csrf, "current", PASSWORD))).status());

        // Made for the change, each passes.
        Map<String, String> forSetUp = confirmWithPasskey(browser, key, csrf, "set-up-app");
        Page started = browser.post("/account/two-step/start", with(forSetUp, Map.of("_csrf", csrf, "current", PASSWORD)));
        assertEquals(303, started.status(), started::toString);
        assertTrue(browser.get("/account/two-step").body().contains("totp-key"));
        Map<String, String> forAdding = confirmWithPasskey(browser, key, csrf, "add-passkey");
        JsonObject granted = PasskeyIT.json(PasskeyIT.options(browser, "/account/passkeys/options", csrf,
                with(forAdding, Map.of("current", PASSWORD))));
        assertTrue(granted.containsKey("challenge"));
        Map<String, String> forRemoving = confirmWithPasskey(browser, key, csrf, "remove-passkey");
        Page removed = browser.post("/account/passkeys/remove", with(forRemoving, Map.of("_csrf", csrf, "passkey", id, "current", PASSWORD)));
        assertEquals(303, removed.status(), removed::toString);
        assertTrue(browser.get("/account/passkeys").body().contains("You have no passkeys yet."));
    }

    @Test
    void anotherUsersPasskeyOrAWrongPasswordDoesNotConfirm(PayaraMicro server, Browser browser) {
        SoftAuthenticator mine = authenticator(server);
        PasskeyIT.userWithPasskey(browser, mine);
        Browser stranger = new Browser(server.uri(""));
        SoftAuthenticator theirs = authenticator(server);
        PasskeyIT.userWithPasskey(stranger, theirs);
        String csrf = browser.get("/account/passkeys").csrf();
        String id = browser.get("/account/passkeys").inputValue("passkey").orElseThrow();
        Map<String, String> strangers = theirs.get(stepUpOptions(browser, csrf, "remove-passkey").getString("challenge"));
        assertEquals(422, browser.post("/account/passkeys/remove", with(strangers, Map.of("_csrf", csrf, "passkey", id, "current", PASSWORD)))
                .status(), "a passkey of another account");
        Map<String, String> own = confirmWithPasskey(browser, mine, csrf, "remove-passkey");
        Page wrongPassword = browser.post("/account/passkeys/remove", with(own, Map.of("_csrf", csrf, "passkey", id, "current", "not it")));
        assertEquals(422, wrongPassword.status());
        assertTrue(wrongPassword.body().contains("Your current password is not correct."), wrongPassword.body());
        assertFalse(browser.get("/account/passkeys").body().contains("You have no passkeys yet."));
    }

    @Test
    void theFormsAskForTheSecondFactorTheAccountHas(PayaraMicro server, Browser browser) {
        TwoStepIT.enable(browser, "stepup-forms");
        Page twoStep = browser.get("/account/two-step");
        assertTrue(twoStep.body().contains("id=\"regenerate-code\""), twoStep.body());
        assertTrue(twoStep.body().contains("for=\"regenerate-code\""), "labelled");
        Page passkeys = browser.get("/account/passkeys");
        assertTrue(passkeys.body().contains("id=\"add-code\""), passkeys.body());

        Browser plain = new Browser(server.uri(""));
        Accounts.signUp(plain, "stepup-none");
        assertFalse(plain.get("/account/passkeys").body().contains("id=\"add-code\""), "no factor, no code asked");

        Browser withKey = new Browser(server.uri(""));
        PasskeyIT.userWithPasskey(withKey, authenticator(server));
        Page keyed = withKey.get("/account/passkeys");
        assertTrue(keyed.body().contains("data-step-up=\"remove-passkey\""), keyed.body());
        assertTrue(keyed.body().contains(PASSKEY_NEEDED), "said to those without the script: " + keyed.body());
        assertFalse(keyed.body().contains("id=\"add-code\""), "no app, no code field");
        String csrf = keyed.csrf();
        assertEquals(403, PasskeyIT.options(withKey, "/account/step-up/options", null, Map.of("purpose", "remove-passkey")).status(),
                "the options need the CSRF token in the header");
        Page unknown = PasskeyIT.options(withKey, "/account/step-up/options", csrf, Map.of("purpose", "sign-in"));
        assertEquals(422, unknown.status(), "a purpose that is no change of the factors: " + unknown);
        assertEquals(422, PasskeyIT.options(plain, "/account/step-up/options", plain.get("/account/passkeys").csrf(),
                Map.of("purpose", "add-passkey")).status(), "no passkeys, nothing to confirm with");
    }
}
