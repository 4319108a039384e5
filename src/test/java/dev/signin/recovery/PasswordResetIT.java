package dev.signin.recovery;

import dev.signin.account.TwoStepIT;
import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Concurrently;
import dev.signin.testing.Load;
import dev.signin.testing.MailServer;
import dev.signin.testing.MailServer.Mailbox;
import dev.signin.testing.Page;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.RawHttp;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Forgot your password?" through a real SMTP server (GreenMail): what a user and an attacker meet. */
@ResourceLock(Load.HEAVY_OR_TIMED)
@MailServer.Shared
class PasswordResetIT {

    static final String NEW_PASSWORD = "a brand new passphrase 42";

    /** Gives the account a verified address straight in the database (EmailAddressIT covers the verification link). */
    static String verifiedAddress(PayaraMicro server, String username) {
        return address(server, username, true);
    }

    static String address(PayaraMicro server, String username, boolean verified) {
        String email = username.toLowerCase() + "@mail.test";
        try (Connection db = server.database(); PreparedStatement update = db.prepareStatement(
                "UPDATE users SET email = ?, email_key = ?, email_verified = ? WHERE username_key = ?")) {
            update.setString(1, email);
            update.setString(2, email);
            update.setBoolean(3, verified);
            update.setString(4, username.toLowerCase());
            assertEquals(1, update.executeUpdate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return email;
    }

    static Page askForLink(Browser browser, String email) {
        return browser.submit("/password/forgot", "/password/forgot", Map.of("email", email));
    }

    /** The path and query of a mailed link, for the test client (which talks to 127.0.0.1). */
    static String pathOf(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    static String tokenOf(String link) {
        return link.substring(link.indexOf("token=") + 6);
    }

    static Page reset(Browser browser, String link, String password, Map<String, String> more) {
        Page form = browser.get(pathOf(link));
        assertEquals(200, form.status(), form::toString);
        Map<String, String> fields = new java.util.HashMap<>(more);
        fields.put("token", tokenOf(link));
        fields.put("password", password);
        fields.put("confirm", password);
        fields.put(Browser.CSRF_FIELD, form.csrf());
        return browser.post("/password/reset", fields);
    }

    @Test
    void forgotPasswordThenTheMailedLinkSetsANewPasswordOnce(PayaraMicro server, Browser browser, Mailbox mailbox) throws Exception {
        Browser owner = new Browser(server.uri(""));
        String username = Accounts.signUp(owner, "reset");
        Accounts.signOut(owner);
        String email = verifiedAddress(server, username);

        Page signIn = browser.get("/sign-in");
        assertTrue(signIn.body().contains("href=\"/password/forgot\">Forgot your password?</a>"), signIn.body());
        Page forgot = browser.get("/password/forgot");
        assertEquals(200, forgot.status());
        assertTrue(forgot.body().contains("name=\"email\""));
        Page sent = askForLink(browser, email);
        assertEquals(200, sent.status(), sent::toString);
        assertTrue(sent.body().contains("Check your mail"), sent.body());

        MimeMessage mail = mailbox.await(email, "Reset your password");
        String link = Mailbox.link(mail);
        assertTrue(link.startsWith("http://localhost:" + server.port() + "/password/reset?token="), link);
        assertEquals(43, tokenOf(link).length(), "256 random bits, base64url");
        assertTrue(Mailbox.body(mail).contains(username), Mailbox.body(mail));

        assertEquals(200, browser.get(pathOf(link)).status());
        assertEquals(200, browser.get(pathOf(link)).status(), "opening the link uses nothing up");
        Page done = reset(browser, link, NEW_PASSWORD, Map.of());
        assertEquals(303, done.status(), done::toString);
        assertEquals("/sign-in", done.location().orElseThrow());
        assertTrue(browser.follow(done).body().contains("Your password has been reset"));

        assertEquals(410, browser.get(pathOf(link)).status(), "a used link");
        Page again = browser.post("/password/reset", Map.of("token", tokenOf(link), "password", "yet another passphrase 7",
                "confirm", "yet another passphrase 7", Browser.CSRF_FIELD, browser.get("/sign-in").csrf()));
        assertEquals(410, again.status(), "a used link cannot set a password again");

        assertEquals(200, Accounts.signIn(new Browser(server.uri("")), username, PASSWORD, false).status(), "the old password no longer works");
        assertEquals(303, Accounts.signIn(new Browser(server.uri("")), username, NEW_PASSWORD, false).status());
        MimeMessage notice = mailbox.await(email, "Your password was reset");
        String metrics = browser.metrics().body();
        for (String step : List.of("password_reset_requested", "password_reset_mailed", "password_reset", "mail_sent")) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("signin_recovery_" + step + "_total ")
                    && !l.endsWith(" 0")), step + " counted:\n" + metrics);
        }
        assertFalse(Mailbox.body(notice).contains("token="), "a notice carries no link to use");
        try (Connection db = server.database(); var rs = db.createStatement().executeQuery(
                "SELECT COUNT(*) FROM mail_tokens WHERE token_hash = '" + tokenOf(link) + "'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the token itself is not stored, only its hash");
        }
    }

    @Test
    void theAnswerIsTheSameForAKnownAnUnknownAndAnUnverifiedAddress(PayaraMicro server, Mailbox mailbox) {
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        List<Long> unverified = new ArrayList<>();
        String knownBody = null;
        String unknownBody = null;
        String unverifiedBody = null;
        List<String> knownAddresses = new ArrayList<>();
        List<String> unverifiedAddresses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Browser b = new Browser(server.uri(""));
            String verifiedUser = Accounts.signUp(b, "same");
            knownAddresses.add(verifiedAddress(server, verifiedUser));
            String unverifiedUser = Accounts.signUp(new Browser(server.uri("")), "unverified");
            unverifiedAddresses.add(address(server, unverifiedUser, false));
        }
        List<String> unknownAddresses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            unknownAddresses.add("nobody-" + i + "-" + Accounts.uniqueUsername("x") + "@mail.test");
        }
        // Each address three times (its free requests), in turns, each request from a client of its own,
        // each followed by the end of its work on the other thread, so that it does not slow the next one
        // down (a loaded machine's noise is what is left): for a known address its mail has arrived; for
        // the others the look-up, a second after the answer, has had time to end.
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 3; i++) {
                long[] took = new long[1];
                String knownAddress = knownAddresses.get(i);
                int mails = round + 1;
                Page k = timed(server, knownAddress, took,
                        () -> mailbox.await(knownAddress, "Reset your password", mails, Duration.ofSeconds(30)));
                known.add(took[0]);
                Page u = timed(server, unknownAddresses.get(i), took, PasswordResetIT::lookUpEnded);
                unknown.add(took[0]);
                Page v = timed(server, unverifiedAddresses.get(i), took, PasswordResetIT::lookUpEnded);
                unverified.add(took[0]);
                assertEquals(200, k.status());
                assertEquals(200, u.status());
                assertEquals(200, v.status());
                knownBody = k.bodyWithoutTokens().replace(knownAddresses.get(i), "ADDRESS");
                unknownBody = u.bodyWithoutTokens().replace(unknownAddresses.get(i), "ADDRESS");
                unverifiedBody = v.bodyWithoutTokens().replace(unverifiedAddresses.get(i), "ADDRESS");
                assertEquals(knownBody, unknownBody, "the same page for a known and an unknown address");
                assertEquals(knownBody, unverifiedBody, "the same page for a verified and an unverified address");
                assertEquals(k.headers().map().keySet(), u.headers().map().keySet());
            }
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        long unverifiedMedian = median(unverified);
        System.out.printf("forgot-password answer, median ms: known %d, unknown %d, unverified %d (each %d requests)%n",
                knownMedian, unknownMedian, unverifiedMedian, known.size());
        // The work for a known address is done on another thread: no more than noise apart.
        assertTrue(Math.abs(knownMedian - unknownMedian) < 60 && Math.abs(knownMedian - unverifiedMedian) < 60,
                "medians " + knownMedian + " / " + unknownMedian + " / " + unverifiedMedian);

        for (String email : knownAddresses) {
            mailbox.await(email, "Reset your password");
        }
        Concurrently.sleep(3000); // the sender looks every second: anything written for the others would be here by now
        for (String email : unverifiedAddresses) {
            assertEquals(List.of(), mailbox.to(email), "an unverified address gets no reset link");
        }
    }

    /** Asks for a link, timing the answer; then waits until the work it started on the other thread has ended. */
    private static Page timed(PayaraMicro server, String email, long[] took, Runnable workEnded) {
        Browser b = new Browser(server.uri(""));
        Page form = b.get("/password/forgot");
        long start = System.nanoTime();
        Page page = b.post("/password/forgot", Map.of("email", email, Browser.CSRF_FIELD, form.csrf()));
        took[0] = (System.nanoTime() - start) / 1_000_000;
        workEnded.run();
        return page;
    }

    /** The work for an address starts a second after the answer; for one that gets no mail it is a look-up. */
    private static void lookUpEnded() {
        Concurrently.sleep(1400);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void linksArePointedAtTheBaseUrlWhateverTheHostHeaderSays(PayaraMicro server, Browser browser, Mailbox mailbox) {
        String username = Accounts.signUp(new Browser(server.uri("")), "host");
        String email = verifiedAddress(server, username);
        Page form = browser.get("/password/forgot");
        String cookies = "signin_csrf=" + browser.cookie("signin_csrf").orElseThrow();
        byte[] body = ("email=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8) + "&_csrf="
                + java.net.URLEncoder.encode(form.csrf(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        String raw = new String(RawHttp.formPost("/password/forgot", cookies, body), StandardCharsets.ISO_8859_1)
                .replace("Host: 127.0.0.1", "Host: evil.example");
        RawHttp.Answer answer = RawHttp.send(server.port(), raw.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(200, answer.status(), answer.head());
        String link = Mailbox.link(mailbox.await(email, "Reset your password"));
        assertTrue(link.startsWith("http://localhost:" + server.port() + "/password/reset?token="), link);
        assertFalse(link.contains("evil.example"));
    }

    @Test
    void aLinkIsRefusedWhenUsedLateSupersededTamperedOrAfterAPasswordChange(PayaraMicro server, Browser browser, Mailbox mailbox) throws Exception {
        Browser owner = new Browser(server.uri(""));
        String username = Accounts.signUp(owner, "refused");
        String email = verifiedAddress(server, username);

        askForLink(browser, email);
        String first = Mailbox.link(mailbox.await(email, "Reset your password", 1, Duration.ofSeconds(30)));
        askForLink(browser, email);
        String second = Mailbox.link(mailbox.await(email, "Reset your password", 2, Duration.ofSeconds(30)));
        assertNotEquals(first, second);
        assertEquals(410, browser.get(pathOf(first)).status(), "a link superseded by a newer one");
        assertEquals(200, browser.get(pathOf(second)).status());

        String token = tokenOf(second);
        String tampered = token.substring(0, 20) + (token.charAt(20) == 'A' ? 'B' : 'A') + token.substring(21);
        Page tamperedPage = browser.get("/password/reset?token=" + tampered);
        assertEquals(410, tamperedPage.status());
        assertTrue(tamperedPage.body().contains("This link does not work"), tamperedPage.body());
        assertEquals(400, browser.get("/password/reset?token=abc").status(), "not a token at all");
        assertEquals(400, browser.get("/password/reset").status(), "no token");
        assertEquals(400, browser.post("/password/reset", Map.of("password", NEW_PASSWORD, "confirm", NEW_PASSWORD,
                Browser.CSRF_FIELD, browser.get("/sign-in").csrf())).status(), "a POST without a token");

        // A password change voids the link.
        Page changed = owner.submit("/account", "/account/password", Map.of("current", PASSWORD, "password", NEW_PASSWORD, "confirm", NEW_PASSWORD));
        assertEquals(303, changed.status(), changed::toString);
        assertEquals(410, browser.get(pathOf(second)).status(), "a link made before a password change");

        // Late: the link's 30 minutes are over.
        askForLink(browser, email);
        String third = Mailbox.link(mailbox.await(email, "Reset your password", 3, Duration.ofSeconds(30)));
        assertEquals(200, browser.get(pathOf(third)).status());
        try (Connection db = server.database(); PreparedStatement late = db.prepareStatement(
                "UPDATE mail_tokens SET expires_at = DATEADD('SECOND', -1, CURRENT_TIMESTAMP) WHERE purpose = 'reset' AND used_at IS NULL "
                        + "AND user_id = (SELECT id FROM users WHERE username_key = ?) AND expires_at > CURRENT_TIMESTAMP")) {
            late.setString(1, username.toLowerCase());
            assertEquals(1, late.executeUpdate());
        }
        assertEquals(410, browser.get(pathOf(third)).status(), "a late link");
    }

    @Test
    void aResetEndsEverySessionAndRememberMeCookieOfTheAccount(PayaraMicro server, Browser browser, Mailbox mailbox) {
        Browser first = new Browser(server.uri(""));
        String username = Accounts.signUp(first, "sessions");
        String email = verifiedAddress(server, username);
        Browser remembered = new Browser(server.uri(""));
        assertEquals(303, Accounts.signIn(remembered, username, PASSWORD, true).status());
        assertTrue(remembered.cookie("signin_remember").isPresent());
        assertEquals(200, first.get("/").status());
        assertEquals(200, remembered.get("/").status());

        askForLink(browser, email);
        String link = Mailbox.link(mailbox.await(email, "Reset your password"));
        assertEquals(303, reset(browser, link, NEW_PASSWORD, Map.of()).status());

        assertEquals(303, first.get("/").status(), "the session that was signed in is over");
        assertEquals(303, remembered.get("/").status(), "so is the remembered browser's");
        remembered.removeCookie("signin_session");
        Page cookieOnly = remembered.get("/");
        assertEquals(303, cookieOnly.status(), "and its remember-me cookie no longer signs in");
    }

    @Test
    void anAccountWithTwoStepVerificationNeedsItsCodeToo(PayaraMicro server, Browser browser, Mailbox mailbox) {
        Browser owner = new Browser(server.uri(""));
        TwoStepIT.Enabled account = TwoStepIT.enable(owner, "reset2fa");
        String email = verifiedAddress(server, account.username());
        askForLink(browser, email);
        String link = Mailbox.link(mailbox.await(email, "Reset your password"));

        Page form = browser.get(pathOf(link));
        assertTrue(form.body().contains("name=\"code\""), "the form asks for the code");
        Page without = reset(browser, link, NEW_PASSWORD, Map.of());
        assertEquals(422, without.status(), "no code: no new password");
        Page wrong = reset(browser, link, NEW_PASSWORD, Map.of("code", "000000".equals(TwoStepIT.code(account.key(), 1)) ? "111111" : "000000"));
        assertEquals(422, wrong.status());
        assertEquals(200, browser.get(pathOf(link)).status(), "a wrong code uses up nothing");
        assertEquals(303, Accounts.signIn(new Browser(server.uri("")), account.username(), PASSWORD, false).status(),
                "the password is still the old one");

        Page withRecoveryCode = reset(browser, link, NEW_PASSWORD, Map.of("code", account.recoveryCodes().get(0)));
        assertEquals(303, withRecoveryCode.status(), withRecoveryCode::toString);
        Page signIn = Accounts.signIn(new Browser(server.uri("")), account.username(), NEW_PASSWORD, false);
        assertEquals(303, signIn.status());
        assertTrue(signIn.location().orElseThrow().startsWith("/sign-in/code"), "the second step stays on after the reset");

        // The app's current code does it too.
        askForLink(browser, email);
        String next = Mailbox.link(mailbox.await(email, "Reset your password", 2, Duration.ofSeconds(30)));
        String another = "another passphrase set with a code";
        assertEquals(422, reset(browser, next, another, Map.of()).status(), "a new link needs the code again");
        Page withAppCode = reset(browser, next, another, Map.of("code", TwoStepIT.code(account.key(), 1)));
        assertEquals(303, withAppCode.status(), withAppCode::toString);
        assertEquals(303, Accounts.signIn(new Browser(server.uri("")), account.username(), another, false).status());
    }

    @Test
    void twoResetsWithOneLinkAtOnceUseItOnce(PayaraMicro server, Browser browser, Mailbox mailbox) {
        // Two at once: the test server hashes two passwords at a time (more would get 503 before the race).
        for (int round = 0; round < 3; round++) {
            String username = Accounts.signUp(new Browser(server.uri("")), "race");
            String email = verifiedAddress(server, username);
            askForLink(browser, email);
            String link = Mailbox.link(mailbox.await(email, "Reset your password"));
            List<Callable<Page>> tasks = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Browser b = new Browser(server.uri(""));
                String csrf = b.get(pathOf(link)).csrf();
                String password = "racing passphrase number " + i;
                tasks.add(() -> b.post("/password/reset", Map.of("token", tokenOf(link), "password", password, "confirm", password,
                        Browser.CSRF_FIELD, csrf)));
            }
            List<Integer> statuses = Concurrently.run(tasks).stream().map(Page::status).sorted().toList();
            System.out.println("two resets with one link at once: " + statuses);
            assertEquals(List.of(303, 410), statuses);
            mailbox.await(email, "Your password was reset");
            Concurrently.sleep(2000);
            assertEquals(1, mailbox.to(email).stream().filter(m -> Mailbox.subject(m).contains("Your password was reset")).count());
        }
    }

    @Test
    void anSmtpOutageDelaysTheMailAndLosesNothing(PayaraMicro server, Browser browser, Mailbox mailbox) {
        String username = Accounts.signUp(new Browser(server.uri(""), "203.0.113.77"), "outage");
        String email = verifiedAddress(server, username);
        mailbox.stop();
        try {
            long start = System.nanoTime();
            Page sent = askForLink(browser, email);
            long took = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, sent.status());
            assertTrue(took < 5000, "the page does not wait for the SMTP server: " + took + " ms");
            Concurrently.sleep(4000); // attempts fail meanwhile
        } finally {
            mailbox.start();
        }
        MimeMessage mail = mailbox.await(email, "Reset your password", 1, Duration.ofSeconds(60));
        assertEquals(200, browser.get(pathOf(Mailbox.link(mail))).status());
        Concurrently.sleep(3000);
        assertEquals(1, mailbox.to(email).size(), "sent once");
        assertTrue(server.logText().contains("\"event\":\"mail_failed\""), "the failed attempts are in the audit log");
    }

    @Test
    void theFormIsThrottledPerAddressKnownOrNot(PayaraMicro server) {
        for (String email : List.of(verifiedAddress(server, Accounts.signUp(new Browser(server.uri("")), "throttle")),
                "unknown-" + Accounts.uniqueUsername("t") + "@mail.test")) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(askForLink(new Browser(server.uri("")), email).status());
            }
            assertEquals(List.of(200, 200, 200, 429), statuses, email);
        }
        Page bad = askForLink(new Browser(server.uri("")), "not an address");
        assertEquals(422, bad.status());
        assertTrue(bad.body().contains("Enter an e-mail address"));
    }

    @Test
    void anAccountIsMailedAtMostThreeLinksAnHour(PayaraMicro server, Mailbox mailbox) {
        String email = verifiedAddress(server, Accounts.signUp(new Browser(server.uri("")), "perhour"));
        for (int i = 0; i < 4; i++) {
            Page asked = askForLink(new Browser(server.uri("")), email);
            for (int tries = 0; asked.status() == 429 && tries < 5; tries++) {
                // Past the address's free requests: wait as told, so that only the account's own limit is left.
                Concurrently.sleep(1000 * Long.parseLong(asked.headers().firstValue("Retry-After").orElseThrow()) + 200);
                asked = askForLink(new Browser(server.uri("")), email);
            }
            assertEquals(200, asked.status(), asked::toString);
            if (i < 3) {
                mailbox.await(email, "Reset your password", i + 1, Duration.ofSeconds(30));
            }
        }
        Concurrently.sleep(3000); // the fourth request's work starts a second later, the sender looks every second
        assertEquals(3, mailbox.to(email).stream().filter(m -> Mailbox.subject(m).contains("Reset your password")).count(),
                "the fourth request of the hour is answered alike but mails nothing");
    }

    @Test
    void theFormIsThrottledPerClientNetworkAnIpv6AddressCountingAsItsSlash64(PayaraMicro server) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        String network = String.format("2001:db8:%x:%x:", random.nextInt(1, 0x10000), random.nextInt(1, 0x10000));
        // signin.throttle.address-free-failures (20) requests free per network, each for another address, from
        // another address of the same /64: the 21st is held back.
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            Browser client = new Browser(server.uri(""), network + Integer.toHexString(i) + ":0:0:1");
            statuses.add(askForLink(client, "net-" + i + "-" + Accounts.uniqueUsername("n") + "@mail.test").status());
        }
        assertEquals(Collections.nCopies(20, 200), statuses.subList(0, 20), statuses.toString());
        assertEquals(429, statuses.get(20), "the network's 21st request: " + statuses);
        String otherNetwork = String.format("2001:db8:%x:%x::1", random.nextInt(1, 0x10000), random.nextInt(1, 0x10000));
        assertEquals(200, askForLink(new Browser(server.uri(""), otherNetwork), "other-" + Accounts.uniqueUsername("n") + "@mail.test").status(),
                "another /64 is not held back");
    }

    /** The audit log's lines of one client (the test server logs each security event as a line of JSON). */
    static List<String> auditLines(PayaraMicro server, String client) {
        return server.logText().lines().filter(l -> l.contains("{\"time\":") && l.contains("\"client\":\"" + client + "\"")).toList();
    }

    static boolean logged(List<String> lines, String event, String... fragments) {
        return lines.stream().anyMatch(l -> l.contains("\"event\":\"" + event + "\"") && java.util.Arrays.stream(fragments).allMatch(l::contains));
    }

    @Test
    void everyStepIsAuditedWithoutTheTokenOrTheAddress(PayaraMicro server, Browser browser, Mailbox mailbox) throws Exception {
        String username = Accounts.signUp(new Browser(server.uri("")), "audit");
        String email = verifiedAddress(server, username);
        long userId;
        try (Connection db = server.database(); PreparedStatement id = db.prepareStatement("SELECT id FROM users WHERE username_key = ?")) {
            id.setString(1, username.toLowerCase());
            var rs = id.executeQuery();
            rs.next();
            userId = rs.getLong(1);
        }
        String user = "\"user_id\":" + userId + ",";

        askForLink(browser, email);
        String link = Mailbox.link(mailbox.await(email, "Reset your password"));
        String token = tokenOf(link);
        String tampered = token.substring(0, 20) + (token.charAt(20) == 'A' ? 'B' : 'A') + token.substring(21);
        String csrf = browser.get("/sign-in").csrf();
        assertEquals(410, browser.post("/password/reset", Map.of("token", tampered, "password", NEW_PASSWORD, "confirm", NEW_PASSWORD,
                Browser.CSRF_FIELD, csrf)).status());
        assertEquals(303, reset(browser, link, NEW_PASSWORD, Map.of()).status());
        assertEquals(410, browser.post("/password/reset", Map.of("token", token, "password", "yet another passphrase 8",
                "confirm", "yet another passphrase 8", Browser.CSRF_FIELD, csrf)).status());
        for (int i = 0; i < 3; i++) {
            askForLink(browser, email);
        }
        mailbox.await(email, "Your password was reset");

        List<String> lines = auditLines(server, browser.clientAddress());
        assertTrue(logged(lines, "password_reset_requested"), lines.toString());
        assertTrue(logged(lines, "password_reset_refused"), "the tampered link: " + lines);
        assertTrue(logged(lines, "password_reset", user), "used: " + lines);
        assertTrue(lines.stream().filter(l -> l.contains("\"event\":\"password_reset_refused\"")).count() >= 2, "and the used one: " + lines);
        assertTrue(logged(lines, "password_reset_throttled"), lines.toString());
        String log = server.logText();
        assertTrue(log.lines().anyMatch(l -> l.contains("\"event\":\"password_reset_mailed\"") && l.contains(user)), "mailed");
        assertTrue(log.lines().anyMatch(l -> l.contains("\"event\":\"mail_queued\"") && l.contains(user)), "queued");
        assertTrue(log.contains("\"event\":\"mail_sent\""), "sent");
        assertFalse(log.contains(token) || log.contains(tampered), "no token in the log");
        assertFalse(log.contains(email), "no address in the log");
        assertFalse(log.contains(NEW_PASSWORD), "no password in the log");
    }
}
