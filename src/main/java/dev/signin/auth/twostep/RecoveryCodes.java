package dev.signin.auth.twostep;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One-time recovery codes for an account with two-step verification: {@value #COUNT} of them,
 * each 24 characters of lower-case base32 from {@link SecureRandom} (120 random bits: at least the
 * 112 that ASVS 6.5.2 asks of a lookup secret stored with a fast hash), shown as
 * {@code xxxxxx-xxxxxx-xxxxxx-xxxxxx}.
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    static final int LENGTH = 24;
    private static final int GROUP = 6;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    public static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder(LENGTH + LENGTH / GROUP);
            for (int c = 0; c < LENGTH; c++) {
                if (c > 0 && c % GROUP == 0) {
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
        if (typed == null || typed.length() > 80) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        return code.matches("[a-z2-7]{" + LENGTH + "}") ? Optional.of(code) : Optional.empty();
    }

    /** What is hashed for a user's code: bound to the account, so equal codes of two users differ. */
    static String hashInput(long userId, String normalized) {
        return userId + ":" + normalized;
    }
}
