package dev.signin.account;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignUpFormTest {

    static jakarta.validation.ValidatorFactory factory;
    static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    static Set<String> invalidFields(SignUpForm form) {
        return validator.validate(form).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .collect(Collectors.toSet());
    }

    @Test
    void aGoodFormPasses() {
        assertEquals(Set.of(), invalidFields(new SignUpForm("ada.l_1-x", "Ada Lovelace", "correct horse", "correct horse")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a-name-that-is-far-too-long-for-us", "has space", "émile", "ada!", "<b>", "a/b", "ada\u0000"})
    void usernamesAreThreeToThirtyTwoSafeCharacters(String username) {
        assertEquals(Set.of("username"), invalidFields(new SignUpForm(username, "Name", "password1", "password1")));
    }

    @Test
    void usernameLimitsAreInclusive() {
        assertEquals(Set.of(), invalidFields(new SignUpForm("abc", "N", "password1", "password1")));
        assertEquals(Set.of(), invalidFields(new SignUpForm("a".repeat(32), "N", "password1", "password1")));
    }

    @Test
    void displayNameIsOneToAHundredCharacters() {
        assertEquals(Set.of("name"), invalidFields(new SignUpForm("ada", "", "password1", "password1")));
        assertEquals(Set.of("name"), invalidFields(new SignUpForm("ada", "   ", "password1", "password1")));
        assertEquals(Set.of("name"), invalidFields(new SignUpForm("ada", "n".repeat(101), "password1", "password1")));
        assertEquals(Set.of(), invalidFields(new SignUpForm("ada", "n".repeat(100), "password1", "password1")));
        assertEquals(Set.of(), invalidFields(new SignUpForm("ada", "<script>alert(1)</script>", "password1", "password1")),
                "any text is a valid name: the views escape it");
    }

    @Test
    void passwordIsEightToAHundredTwentyEightCharacters() {
        assertEquals(Set.of("password"), invalidFields(new SignUpForm("ada", "Ada", "1234567", "1234567")));
        assertEquals(Set.of("password"), invalidFields(new SignUpForm("ada", "Ada", "p".repeat(129), "p".repeat(129))));
        assertEquals(Set.of(), invalidFields(new SignUpForm("ada", "Ada", "12345678", "12345678")));
        assertEquals(Set.of(), invalidFields(new SignUpForm("ada", "Ada", "p".repeat(128), "p".repeat(128))));
    }

    @Test
    void missingFieldsAreErrorsNotCrashes() {
        assertEquals(Set.of("username", "name", "password"), invalidFields(new SignUpForm(null, null, null, null)));
    }

    @Test
    void confirmationMustMatch() {
        assertTrue(new SignUpForm("ada", "Ada", "password1", "password1").passwordConfirmed());
        assertFalse(new SignUpForm("ada", "Ada", "password1", "password2").passwordConfirmed());
        assertFalse(new SignUpForm("ada", "Ada", "password1", null).passwordConfirmed());
    }
}
