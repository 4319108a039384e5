package dev.signin.account;

import dev.signin.password.NewPassword;
import dev.signin.users.User;
import jakarta.mvc.binding.MvcBinding;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.FormParam;

/** The sign-up form: field names are a contract (username, name, password, confirm, and the optional email). */
public class SignUpForm {

    public static final String CONFIRM_MISMATCH = "The passwords do not match.";

    @MvcBinding
    @FormParam("username")
    @NotNull(message = "Choose a username.")
    @Size(min = User.MIN_USERNAME, max = User.MAX_USERNAME,
            message = "Use " + User.MIN_USERNAME + " to " + User.MAX_USERNAME + " characters.")
    @Pattern(regexp = "[A-Za-z0-9._-]*", message = "Use only letters, digits, '.', '_' and '-'.")
    private String username;

    @MvcBinding
    @FormParam("name")
    @DisplayName
    private String name;

    @MvcBinding
    @FormParam("password")
    @NewPassword
    private String password;

    @MvcBinding
    @FormParam("confirm")
    private String confirm;

    /** Optional: where a password reset link can go, once verified. */
    @MvcBinding
    @FormParam("email")
    private String email;

    public SignUpForm() {
    }

    public SignUpForm(String username, String name, String password, String confirm) {
        this.username = username;
        this.name = name;
        this.password = password;
        this.confirm = confirm;
    }

    public String getUsername() {
        return username == null ? "" : username;
    }

    public String getName() {
        return name == null ? "" : name;
    }

    public String getPassword() {
        return password == null ? "" : password;
    }

    public String getEmail() {
        return email == null ? "" : email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getConfirm() {
        return confirm == null ? "" : confirm;
    }

    public boolean passwordConfirmed() {
        return getPassword().equals(getConfirm());
    }
}
