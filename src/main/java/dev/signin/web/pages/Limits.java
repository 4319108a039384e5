package dev.signin.web.pages;

import dev.signin.password.PasswordPolicy;
import dev.signin.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** For the views ({@code ${limits.passwordMax}}): the lengths the forms enforce, from the one place each is defined. */
@Named
@ApplicationScoped
public class Limits {

    public int getUsernameMin() {
        return User.MIN_USERNAME;
    }

    public int getUsernameMax() {
        return User.MAX_USERNAME;
    }

    public int getPasswordMin() {
        return PasswordPolicy.MIN_LENGTH;
    }

    public int getPasswordMax() {
        return PasswordPolicy.MAX_LENGTH;
    }
}
