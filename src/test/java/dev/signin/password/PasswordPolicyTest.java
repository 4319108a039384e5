package dev.signin.password;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordPolicyTest {

    static final PasswordPolicy POLICY = new PasswordPolicy();

    @Test
    void theBundledListHasAtLeastTenThousandPasswords() {
        assertTrue(POLICY.commonPasswords() >= 10_000, POLICY.commonPasswords() + " passwords");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "Password", "PASSWORD1", "12345678", "qwertyuiop", "iloveyou", "trustno1", "football"})
    void commonPasswordsAreRefusedIgnoringCase(String password) {
        assertEquals(Optional.of(PasswordPolicy.TOO_COMMON), POLICY.problem("someone", password));
    }

    @Test
    void theUsernameIsRefusedIgnoringCase() {
        assertEquals(Optional.of(PasswordPolicy.IS_USERNAME), POLICY.problem("ada.lovelace", "Ada.Lovelace"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"signin2026!", "Sign-In 12345", "PAYARA!!!!", "jakarta-2026", "Krazo#1"})
    void theSitesOwnNamesDressedUpAreRefused(String password) {
        assertEquals(Optional.of(PasswordPolicy.IS_SITE_WORD), POLICY.problem("someone", password));
    }

    @Test
    void theUsernameDressedUpIsRefusedToo() {
        assertEquals(Optional.of(PasswordPolicy.IS_USERNAME), POLICY.problem("ada_lovelace", "AdaLovelace1815!"));
        assertEquals(Optional.empty(), POLICY.problem("2468", "97531 97531"), "a username without letters matches only itself");
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery", "a whole new passphrase", "пароль-которого-нет", "no composition rules"})
    void anythingElseOfTheRightLengthIsFine(String password) {
        assertEquals(Optional.empty(), POLICY.problem("someone", password));
    }
}
