package dev.signin.users;

/** Another account already has this username (ignoring case). */
public class UsernameTakenException extends RuntimeException {
    public UsernameTakenException(String username) {
        super("Username taken: " + username);
    }
}
