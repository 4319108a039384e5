package dev.signin.auth;

import dev.signin.auth.SecurityEvent.Kind;
import dev.signin.users.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The step-up rule without a server, over {@link AuthenticationTest}'s fakes: what each change needs beside the password. */
class StepUpTest {

    static final String RECOVERY_CODE = "abcdef-234567-ghijkl-765432";
    static final Passkeys.Assertion ANSWER = new Passkeys.Assertion("cred", "handle", "data", "client", "signature");

    /** Passkey answers decided by the test; it records for whom and for what change each was checked. */
    static class FakePasskeys extends Passkeys {
        Checked result = new Checked(true, false, 7L);
        final List<String> checked = new ArrayList<>();

        @Override
        Checked verifyConfirmation(User user, String change, Assertion assertion) {
            checked.add(user.getId() + ":" + change);
            return result;
        }
    }

    final AuthenticationTest core = new AuthenticationTest();
    final FakePasskeys passkeys = new FakePasskeys();
    final StepUp stepUp = new StepUp();

    @BeforeEach
    void wire() {
        core.wire();
        core.signedIn();
        core.throttle.reserved.clear();
        core.throttle.givenBack = 0;
        stepUp.authentication = core.auth;
        stepUp.secondFactors = core.secondFactors;
        stepUp.passkeys = passkeys;
        stepUp.store = core.passkeyStore;
        stepUp.throttle = core.throttle;
        stepUp.client = core.browser;
        stepUp.passwords = core.passwords;
    }

    Outcome check(StepUp.Purpose purpose, String password, String code) {
        return stepUp.check(purpose, password, new StepUp.Proof(code, null));
    }

    @Test
    void withoutASecondFactorThePasswordIsEnough() {
        assertInstanceOf(Outcome.Done.class, check(StepUp.Purpose.ADD_PASSKEY, AuthenticationTest.PASSWORD, ""));
        assertInstanceOf(Outcome.WrongPassword.class, check(StepUp.Purpose.SET_UP_APP, "a guess", ""));
    }

    @Test
    void withASecondFactorOnThePasswordAloneChangesNothingAndIsAudited() {
        core.twoStep();
        for (StepUp.Purpose purpose : StepUp.Purpose.values()) {
            core.events.fired.clear();
            assertInstanceOf(Outcome.SecondFactorNeeded.class, check(purpose, AuthenticationTest.PASSWORD, " "), purpose.id());
            assertEquals(List.of(Kind.SECOND_FACTOR_REQUIRED), core.events.fired);
        }
        core.ada.disableTotp();
        core.passkeyStore.any = true;
        assertInstanceOf(Outcome.SecondFactorNeeded.class, check(StepUp.Purpose.SET_UP_APP, AuthenticationTest.PASSWORD, "111111"),
                "a passkey is the factor: a code is none");
        assertTrue(core.secondFactors.used.isEmpty());
    }

    @Test
    void aWrongPasswordComesFirstAndUsesUpNoCode() {
        core.twoStep();
        assertInstanceOf(Outcome.WrongPassword.class, check(StepUp.Purpose.TURN_OFF_TWO_STEP, "a guess", "111111"));
        assertTrue(core.secondFactors.used.isEmpty());
        assertInstanceOf(Outcome.Done.class, check(StepUp.Purpose.TURN_OFF_TWO_STEP, AuthenticationTest.PASSWORD, "111111"));
    }

    @Test
    void aRecoveryCodeOnlyTurnsTwoStepOffAndIsNotUsedUpByAnythingElse() {
        core.twoStep();
        for (StepUp.Purpose purpose : List.of(StepUp.Purpose.NEW_RECOVERY_CODES, StepUp.Purpose.ADD_PASSKEY,
                StepUp.Purpose.REMOVE_PASSKEY, StepUp.Purpose.SET_UP_APP)) {
            core.events.fired.clear();
            assertInstanceOf(Outcome.RecoveryCodeRefused.class, check(purpose, AuthenticationTest.PASSWORD, RECOVERY_CODE), purpose.id());
            assertEquals(List.of(Kind.SECOND_FACTOR_REFUSED), core.events.fired);
        }
        assertTrue(core.secondFactors.used.isEmpty(), "not looked at, not used up");
        core.events.fired.clear();
        assertInstanceOf(Outcome.Done.class, check(StepUp.Purpose.TURN_OFF_TWO_STEP, AuthenticationTest.PASSWORD, RECOVERY_CODE));
        assertEquals(List.of(Kind.RECOVERY_CODE_USED), core.events.fired);
        assertInstanceOf(Outcome.WrongCode.class, check(StepUp.Purpose.TURN_OFF_TWO_STEP, AuthenticationTest.PASSWORD, RECOVERY_CODE),
                "used up");
    }

    @Test
    void codesAreThrottledUnderTheAccountsCodesOfThisBrowserAndThisSessionAndAHeldBackOneIsNotChecked() {
        core.twoStep();
        core.events.fired.clear();
        assertInstanceOf(Outcome.WrongCode.class, check(StepUp.Purpose.NEW_RECOVERY_CODES, AuthenticationTest.PASSWORD, "222222"));
        assertEquals(List.of(Kind.SECOND_FACTOR_REFUSED), core.events.fired);
        String session = core.browser.session.orElseThrow().key();
        List<String> counted = core.throttle.reserved.get(1);
        assertTrue(counted.get(0).startsWith("c:7:"), "the codes of the account from this known browser: " + counted);
        assertEquals("s:" + session, counted.get(1), "and this session");
        assertEquals(1, core.throttle.givenBack, "the password's reservation only: the wrong code stays counted");

        core.throttle.heldBack = Duration.ofSeconds(4);
        assertInstanceOf(Outcome.HeldBack.class, check(StepUp.Purpose.NEW_RECOVERY_CODES, AuthenticationTest.PASSWORD, "111111"));
        assertEquals(Set.of("222222"), core.secondFactors.used, "the held-back code was not looked at");
    }

    @Test
    void aPasskeyAnswerIsCheckedForThisUserAndThisChangeAndEachRefusalIsAudited() {
        core.passkeyStore.any = true;
        StepUp.Proof answer = new StepUp.Proof("", ANSWER);
        assertInstanceOf(Outcome.Done.class, stepUp.check(StepUp.Purpose.REMOVE_PASSKEY, AuthenticationTest.PASSWORD, answer));
        assertEquals(List.of("7:remove-passkey"), passkeys.checked);

        core.events.fired.clear();
        passkeys.result = Passkeys.Checked.refused(7L);
        assertInstanceOf(Outcome.PasskeyRefused.class, stepUp.check(StepUp.Purpose.ADD_PASSKEY, AuthenticationTest.PASSWORD, answer));
        passkeys.result = Passkeys.Checked.late();
        assertInstanceOf(Outcome.Expired.class, stepUp.check(StepUp.Purpose.SET_UP_APP, AuthenticationTest.PASSWORD, answer));
        assertEquals(List.of(Kind.SECOND_FACTOR_REFUSED, Kind.SECOND_FACTOR_REFUSED), core.events.fired);
        assertEquals(List.of("7:remove-passkey", "7:add-passkey", "7:set-up-app"), passkeys.checked);
    }

    @Test
    void theFormsFieldsMakeAProof() {
        assertEquals(StepUp.Proof.NONE, StepUp.Proof.of(null, null, null, null, null, null));
        assertEquals(new StepUp.Proof("123456", null), StepUp.Proof.of(" 123456 ", "", "x", "x", "x", "x"));
        assertEquals(ANSWER, StepUp.Proof.of("", "cred", "handle", "data", "client", "signature").passkey());
        assertEquals(StepUp.Purpose.REMOVE_PASSKEY, StepUp.Purpose.of("remove-passkey").orElseThrow());
        assertTrue(StepUp.Purpose.of("sign-in").isEmpty());
    }
}
