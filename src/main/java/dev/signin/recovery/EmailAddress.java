package dev.signin.recovery;

import dev.signin.users.User;

import java.util.Optional;

/**
 * What the app takes as an e-mail address: one line, one '@' with something on each side, no
 * spaces, at most 254 characters. Whether it exists only a mail can tell.
 */
public final class EmailAddress {

    public static final String INVALID = "Enter an e-mail address, such as name@example.org.";

    private EmailAddress() {
    }

    /** The address without surrounding spaces. */
    public static String cleaned(String typed) {
        return typed == null ? "" : typed.strip();
    }

    /** Why this is not an address we can mail, if it is not. */
    public static Optional<String> problem(String typed) {
        String email = cleaned(typed);
        int at = email.indexOf('@');
        boolean plain = email.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '(' || c == ')' || c == '\\');
        if (email.length() < 3 || email.length() > User.MAX_EMAIL || at < 1 || at != email.lastIndexOf('@')
                || at == email.length() - 1 || !plain) {
            return Optional.of(INVALID);
        }
        return Optional.empty();
    }
}
