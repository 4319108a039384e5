package dev.signin.auth;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One-time recovery codes for an account with two-step verification: {@value #COUNT} of them,
 * each 10 characters of lower-case base32 (50 random bits), shown as {@code xxxxx-xxxxx}.
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    public static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder(11);
            for (int c = 0; c < 10; c++) {
                if (c == 5) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** A code as typed (any case, with or without the dash or spaces) in the form that is hashed; empty if it cannot be one. */
    public static Optional<String> normalized(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        return code.matches("[a-z2-7]{10}") ? Optional.of(code) : Optional.empty();
    }

    /** What is hashed for a user's code: bound to the account, so equal codes of two users differ. */
    static String hashInput(long userId, String normalized) {
        return userId + ":" + normalized;
    }
}
