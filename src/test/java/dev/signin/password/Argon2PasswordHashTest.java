package dev.signin.password;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Argon2PasswordHashTest {

    private final Argon2PasswordHash hasher = new Argon2PasswordHash();

    @Test
    void defaultsToTheOwaspMinimumAndStoresItInTheHash() {
        String hash = hasher.generate("correct horse".toCharArray());
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertEquals(Argon2PasswordHash.OWASP_MINIMUM, Argon2PasswordHash.costOf(hash).orElseThrow());
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.generate("correct horse".toCharArray());
        assertTrue(hasher.verify("correct horse".toCharArray(), hash));
        assertFalse(hasher.verify("correct horsf".toCharArray(), hash));
        assertFalse(hasher.verify("".toCharArray(), hash));
    }

    @Test
    void saltsEveryHash() {
        assertNotEquals(hasher.generate("same".toCharArray()), hasher.generate("same".toCharArray()));
    }

    @Test
    void handlesNonAsciiPasswords() {
        String hash = hasher.generate("пароль-密码-🔑".toCharArray());
        assertTrue(hasher.verify("пароль-密码-🔑".toCharArray(), hash));
        assertFalse(hasher.verify("пароль-密码-".toCharArray(), hash));
    }

    @Test
    void matchesTheArgon2idReferenceVector() {
        // Made by the reference implementation (Debian's argon2 package), independent of Bouncy Castle:
        //   echo -n password | argon2 somesalt -id -t 2 -m 6 -p 1 -l 32 -e
        String reference = "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHQ$FqGkmHNGCd0BRW2kBt6fPZ2pPmyGwwChL8FGUhTOSSI";
        assertTrue(hasher.verify("password".toCharArray(), reference));
        assertFalse(hasher.verify("Password".toCharArray(), reference));
    }

    @Test
    void weakerStoredParametersNeedAnUpgrade() {
        var weak = new Argon2PasswordHash(new Argon2PasswordHash.Cost(4096, 1, 1));
        String old = weak.generate("pw".toCharArray());
        assertTrue(hasher.needsUpgrade(old));
        assertTrue(hasher.verify("pw".toCharArray(), old), "old hashes still verify with their own parameters");

        String current = hasher.generate("pw".toCharArray());
        assertFalse(hasher.needsUpgrade(current));

        var stronger = new Argon2PasswordHash(new Argon2PasswordHash.Cost(19456, 3, 1));
        assertTrue(stronger.needsUpgrade(current), "raising the cost later marks today's hashes for upgrade");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"plain", "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=999999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=0,t=0,p=0$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=19456,t=2,p=1$!!!!$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "PBKDF2WithHmacSHA256:600000:c29tZXNhbHQ=:CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc="})
    void unreadableHashesNeverVerifyAndNeedReplacing(String stored) {
        assertFalse(hasher.verify("password".toCharArray(), stored));
        assertTrue(hasher.needsUpgrade(stored));
    }
}
