package dev.signin.recovery;

import dev.signin.account.TwoStepIT;
import dev.signin.auth.PasskeyIT;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Concurrently;
import dev.signin.testing.MailServer;
import dev.signin.testing.MailServer.Mailbox;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.SoftAuthenticator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.signin.recovery.PasswordResetIT.askForLink;
import static dev.signin.recovery.PasswordResetIT.pathOf;
import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** E-mail addresses: given at sign-up or in the settings, verified by a mailed link, and only then sent reset links. */
@MailServer.Shared
class EmailAddressIT {

    static String newAddress(String prefix) {
        return Accounts.uniqueUsername(prefix) + "@mail.test";
    }

    @Test
    void anAddressGivenAtSignUpGetsResetLinksOnlyOnceVerified(PayaraMicro server, Browser browser, Mailbox mailbox) {
        String email = newAddress("signup");
        String username = Accounts.uniqueUsername("signup");
        Page form = browser.get("/sign-up");
        assertTrue(form.body().contains("name=\"email\""), "the sign-up form offers an address");
        Page signedUp = browser.post("/sign-up", Map.of("username", username, "name", "Ada", "email", email,
                "password", PASSWORD, "confirm", PASSWORD, Browser.CSRF_FIELD, form.csrf()));
        assertEquals(303, signedUp.status(), signedUp::toString);
        String link = Mailbox.link(mailbox.await(email, "Verify your e-mail address"));
        assertTrue(link.startsWith("http://localhost:" + server.port() + "/account/email/verify?token="), link);
        assertTrue(browser.get("/account/email").body().contains("not verified yet"));

        assertEquals(200, askForLink(new Browser(server.uri("")), email).status());
        Concurrently.sleep(3000);
        assertEquals(List.of(), mailbox.to(email).stream().filter(m -> Mailbox.subject(m).contains("Reset")).toList(),
                "an unverified address gets no reset link");

        Browser elsewhere = new Browser(server.uri(""));
        Page verified = elsewhere.get(pathOf(link));
        assertEquals(200, verified.status(), "the link works in any browser, signed in or not");
        assertTrue(verified.body().contains("Address verified"), verified.body());
        assertEquals(410, elsewhere.get(pathOf(link)).status(), "a verification link works once");
        assertTrue(browser.get("/account/email").body().contains("(verified)"));

        askForLink(new Browser(server.uri("")), email);
        mailbox.await(email, "Reset your password");
    }

    @Test
    void aSignUpWithoutAnAddressIsFineAndABadOneIsRefused(Browser browser) {
        String username = Accounts.uniqueUsername("noaddress");
        Page bad = browser.submit("/sign-up", "/sign-up", Map.of("username", username, "name", "Ada", "email", "not an address",
                "password", PASSWORD, "confirm", PASSWORD));
        assertEquals(422, bad.status());
        assertTrue(bad.body().contains("Enter an e-mail address"), bad.body());
        Page without = browser.submit("/sign-up", "/sign-up", Map.of("username", username, "name", "Ada", "password", PASSWORD, "confirm", PASSWORD));
        assertEquals(303, without.status(), without::toString);
        assertTrue(browser.get("/account/email").body().contains("has no e-mail address"));
    }

    @Test
    void aChangeNeedsThePasswordIsVerifiedAgainAndTellsTheOldAddress(PayaraMicro server, Browser browser, Mailbox mailbox) {
        String old = newAddress("old");
        Accounts.signUpVerified(browser, mailbox, old);
        String fresh = newAddress("new");

        Page noPassword = browser.submit("/account/email", "/account/email", Map.of("email", fresh, "current", ""));
        assertEquals(422, noPassword.status());
        Page wrong = browser.submit("/account/email", "/account/email", Map.of("email", fresh, "current", "not my password"));
        assertEquals(422, wrong.status());
        Page badAddress = browser.submit("/account/email", "/account/email", Map.of("email", "a@", "current", PASSWORD));
        assertEquals(422, badAddress.status());
        Page changed = browser.submit("/account/email", "/account/email", Map.of("email", fresh, "current", PASSWORD));
        assertEquals(303, changed.status(), changed::toString);
        assertTrue(browser.follow(changed).body().contains("We sent a link to " + fresh));

        String told = Mailbox.body(mailbox.await(old, "Your e-mail address was changed"));
        assertTrue(told.contains(fresh), told);
        String link = Mailbox.link(mailbox.await(fresh, "Verify your e-mail address"));

        askForLink(new Browser(server.uri("")), old);
        askForLink(new Browser(server.uri("")), fresh);
        Concurrently.sleep(3000);
        assertEquals(0, mailbox.to(old).stream().filter(m -> Mailbox.subject(m).contains("Reset")).count(), "the old address is no longer the account's");
        assertEquals(0, mailbox.to(fresh).stream().filter(m -> Mailbox.subject(m).contains("Reset")).count(), "the new one is not verified yet");
        assertEquals(200, browser.get(pathOf(link)).status());
    }

    @Test
    void aLinkForAnAddressReplacedSinceIsRefused(Browser browser, Mailbox mailbox) {
        String first = newAddress("first");
        String second = newAddress("second");
        Accounts.signUp(browser, "replaced");
        assertEquals(303, browser.submit("/account/email", "/account/email", Map.of("email", first, "current", PASSWORD)).status());
        String firstLink = Mailbox.link(mailbox.await(first, "Verify your e-mail address"));
        assertEquals(303, browser.submit("/account/email", "/account/email", Map.of("email", second, "current", PASSWORD)).status());
        mailbox.await(second, "Verify your e-mail address");
        assertEquals(410, browser.get(pathOf(firstLink)).status());
        assertEquals(400, browser.get("/account/email/verify?token=../../etc").status());
    }

    @Test
    void withTwoStepVerificationOnAChangeNeedsTheCodeToo(Browser browser, Mailbox mailbox) {
        TwoStepIT.Enabled account = TwoStepIT.enable(browser, "email2fa");
        String email = newAddress("twostep");
        Page passwordOnly = browser.submit("/account/email", "/account/email", Map.of("email", email, "current", PASSWORD));
        assertEquals(422, passwordOnly.status());
        assertTrue(passwordOnly.body().contains("Confirm it with a code"), passwordOnly.body());
        Page withCode = browser.submit("/account/email", "/account/email",
                Map.of("email", email, "current", PASSWORD, "code", TwoStepIT.code(account.key(), 0)));
        assertEquals(303, withCode.status(), withCode::toString);
        assertEquals(200, browser.get(pathOf(Mailbox.link(mailbox.await(email, "Verify your e-mail address")))).status());

        Page off = browser.submit("/account/two-step", "/account/two-step/disable",
                Map.of("current", PASSWORD, "code", TwoStepIT.code(account.key(), 1)));
        assertEquals(303, off.status(), off::toString);
        String notice = Mailbox.body(mailbox.await(email, "Two-step verification was turned off"));
        assertTrue(notice.contains(account.username()), notice);
    }

    @Test
    void securityNoticesGoToTheVerifiedAddress(PayaraMicro server, Browser browser, Mailbox mailbox) {
        String email = newAddress("notices");
        Accounts.signUpVerified(browser, mailbox, email);
        String next = "another passphrase for notices";
        assertEquals(303, browser.submit("/account", "/account/password", Map.of("current", PASSWORD, "password", next, "confirm", next)).status());
        String body = Mailbox.body(mailbox.await(email, "Your password was changed"));
        assertTrue(body.contains("The password of your account was changed."), body);
    }

    @Test
    void aPasskeyAddedIsToldToTheVerifiedAddress(PayaraMicro server, Browser browser, Mailbox mailbox) {
        String email = newAddress("passkey");
        String username = Accounts.signUpVerified(browser, mailbox, email);
        SoftAuthenticator authenticator = new SoftAuthenticator("localhost", "http://localhost:" + server.port());
        PasskeyIT.addPasskey(browser, authenticator, username);
        String body = Mailbox.body(mailbox.await(email, "A passkey was added"));
        assertTrue(body.contains("A passkey was added to your account."), body);
        assertTrue(body.contains(username), body);
    }

    @Test
    void anAccountIsSentAtMostThreeVerificationLinksAnHour(Browser browser, Mailbox mailbox) {
        Accounts.signUp(browser, "verifyhour");
        List<String> addresses = List.of(newAddress("hour1"), newAddress("hour2"), newAddress("hour3"), newAddress("hour4"));
        for (String email : addresses) {
            Page changed = browser.submit("/account/email", "/account/email", Map.of("email", email, "current", PASSWORD));
            assertEquals(303, changed.status(), changed::toString);
        }
        for (String email : addresses.subList(0, 3)) {
            mailbox.await(email, "Verify your e-mail address");
        }
        Concurrently.sleep(3000);
        assertEquals(List.of(), mailbox.to(addresses.get(3)), "the fourth link of the hour is not sent");
    }

    @Test
    void verificationLinksAreCountedPerClientNetworkWithTheResetRequests(PayaraMicro server, Mailbox mailbox) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        String network = String.format("2001:db8:%x:%x:", random.nextInt(1, 0x10000), random.nextInt(1, 0x10000));
        Browser owner = new Browser(server.uri(""), network + "ff::1");
        Accounts.signUp(owner, "netchange");
        // The network's free mail requests (signin.throttle.address-free-failures: 20), spent on the forgot-password form.
        for (int i = 1; i <= 20; i++) {
            assertEquals(200, askForLink(new Browser(server.uri(""), network + Integer.toHexString(i) + "::1"), newAddress("spent")).status());
        }
        String email = newAddress("held");
        Page change = owner.submit("/account/email", "/account/email", Map.of("email", email, "current", PASSWORD));
        assertEquals(429, change.status(), "a change of address from that network mails no more: " + change);
        assertTrue(change.headers().firstValue("Retry-After").isPresent());
        assertTrue(change.body().contains("Too many links asked for"), change.body());
        String username = Accounts.uniqueUsername("netsignup");
        Page signUp = new Browser(server.uri(""), network + "fe::1").submit("/sign-up", "/sign-up", Map.of("username", username,
                "name", "Ada", "email", email, "password", PASSWORD, "confirm", PASSWORD));
        assertEquals(429, signUp.status(), "nor does a sign-up with an address: " + signUp);
        assertTrue(signUp.body().contains("Too many links asked for"), signUp.body());
        Concurrently.sleep(3000);
        assertEquals(List.of(), mailbox.to(email), "no link mailed");
        assertFalse(owner.get("/account/email").body().contains(email), "the address is not changed");
        assertEquals(200, Accounts.signIn(new Browser(server.uri("")), username, PASSWORD, false).status(), "no account was made");
    }

    @Test
    void verificationLinksAreCountedPerAddressWithTheResetRequests(PayaraMicro server, Mailbox mailbox) {
        String email = newAddress("victim");
        Browser stranger = new Browser(server.uri(""));
        Accounts.signUp(stranger, "addresschange");
        // The address's free requests (3), spent on the forgot-password form from three clients; the
        // change comes within the first wait (a second).
        for (int i = 0; i < 3; i++) {
            assertEquals(200, askForLink(new Browser(server.uri("")), email).status());
        }
        Page change = stranger.submit("/account/email", "/account/email", Map.of("email", email, "current", PASSWORD));
        assertEquals(429, change.status(), "one more link to that address is held back: " + change);
        Concurrently.sleep(3000);
        assertEquals(List.of(), mailbox.to(email));
    }
}
