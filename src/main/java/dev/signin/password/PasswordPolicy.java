package dev.signin.password;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must not be, beyond its length (ASVS 6.2): the username or a word of this
 * site (dressed up with digits and symbols or not: "Signin2026!" is still "signin"), or one of
 * the 30,000 most common passwords. No composition rules. The common list is zxcvbn's
 * (passwords.txt, shipped in the zxcvbn4j jar), compared ignoring case.
 */
@ApplicationScoped
public class PasswordPolicy {

    /** The length a password must have; no longer one can match, so none is ever hashed. */
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    static final String COMMON_LIST = "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";
    public static final String TOO_COMMON = "This password is one of the most common ones; choose another.";
    public static final String IS_USERNAME = "Do not use your username as your password.";
    public static final String IS_SITE_WORD = "Do not use the name of this site as your password.";
    /** The context-specific words (ASVS 6.1.2): this application's own names. Documented in SECURITY.md. */
    public static final Set<String> SITE_WORDS = Set.of("signin", "signup", "signout", "payara", "jakarta", "krazo");

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /** Whether a presented password is worth hashing at all: not empty, not longer than any allowed one. */
    public static boolean mayMatch(String password) {
        return password != null && !password.isEmpty() && password.length() <= MAX_LENGTH;
    }

    public int commonPasswords() {
        return common.size();
    }

    /** Why this password may not be used by this user, if it may not. */
    public Optional<String> problem(String username, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.empty(); // the length rule speaks for that
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String letters = lettersOf(lower);
        String usernameLetters = username == null ? "" : lettersOf(username.toLowerCase(Locale.ROOT));
        if (username != null && !username.isBlank() && (lower.equals(username.strip().toLowerCase(Locale.ROOT))
                || !usernameLetters.isEmpty() && letters.equals(usernameLetters))) {
            return Optional.of(IS_USERNAME);
        }
        if (SITE_WORDS.contains(letters)) {
            return Optional.of(IS_SITE_WORD);
        }
        if (common.contains(lower)) {
            return Optional.of(TOO_COMMON);
        }
        return Optional.empty();
    }

    /** The letters only: what is left of "Sign-In_2026!" is "signin". */
    private static String lettersOf(String text) {
        StringBuilder letters = new StringBuilder(text.length());
        text.codePoints().filter(Character::isLetter).forEach(letters::appendCodePoint);
        return letters.toString();
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_LIST)) {
            if (in == null) {
                throw new IllegalStateException("The common password list " + COMMON_LIST + " is missing (zxcvbn jar)");
            }
            Set<String> passwords = new HashSet<>(40_000);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    String word = line.strip();
                    if (!word.isEmpty()) {
                        passwords.add(word.toLowerCase(Locale.ROOT));
                    }
                }
            }
            return Set.copyOf(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
