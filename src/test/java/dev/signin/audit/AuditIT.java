package dev.signin.audit;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestServer.Shared
class AuditIT {

    static List<String> auditLinesFor(PayaraMicro server, String clientAddress) {
        return server.logText().lines()
                .filter(l -> l.contains("{\"time\":") && l.contains("\"client\":\"" + clientAddress + "\""))
                .toList();
    }

    static boolean has(List<String> lines, String event, String... fragments) {
        return lines.stream().anyMatch(l -> l.contains("\"event\":\"" + event + "\"")
                && java.util.Arrays.stream(fragments).allMatch(l::contains));
    }

    @Test
    void securityEventsAreLoggedAsJsonWithoutSecrets(PayaraMicro server, Browser browser) {
        String username = Accounts.signUp(browser, "audited");
        String signUpSession = browser.cookie("signin_session").orElseThrow();
        Accounts.signOut(browser);
        Accounts.signIn(browser, username, "a wrong password", false);
        for (int i = 0; i < 5; i++) {
            Accounts.signIn(browser, username, "wrong " + i, false);
        }
        Accounts.signIn(browser, username, PASSWORD, false); // throttled
        Browser other = new Browser(browser.uri(""));
        Accounts.signIn(other, username, PASSWORD, false); // throttled too (per account)
        Browser changer = new Browser(browser.uri(""));
        Accounts.signUp(changer, "auditchange");
        changer.submit("/account", "/account/password", Map.of("current", PASSWORD, "password", "brand new passphrase",
                "confirm", "brand new passphrase"));
        changer.submit("/account", "/account/delete", Map.of("current", "brand new passphrase"));

        List<String> lines = auditLinesFor(server, browser.clientAddress());
        assertTrue(has(lines, "sign_up", "\"user_id\":"), lines.toString());
        assertTrue(has(lines, "sign_out", "\"user_id\":", "\"session\":\""), lines.toString());
        assertTrue(has(lines, "sign_in_failure", "\"username\":\"" + username + "\""), lines.toString());
        assertTrue(has(lines, "sign_in_throttled", "\"username\":\"" + username + "\""), lines.toString());
        List<String> changerLines = auditLinesFor(server, changer.clientAddress());
        assertTrue(has(changerLines, "password_changed", "\"user_id\":"), changerLines.toString());
        assertTrue(has(changerLines, "account_deleted", "\"user_id\":"), changerLines.toString());

        String log = server.logText();
        assertFalse(log.contains(PASSWORD) || log.contains("a wrong password") || log.contains("brand new passphrase"),
                "no password in the log");
        assertFalse(log.contains(PayaraMicro.SECRET), "no secret in the log");
        assertFalse(log.contains(signUpSession), "no raw session id in the log");
        assertTrue(log.contains("\"session\":\"" + AuditLog.sessionHash(signUpSession) + "\""), "its hash instead");
    }
}
