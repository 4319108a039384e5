package dev.signin.account;

import dev.signin.password.NewPassword;
import jakarta.mvc.binding.MvcBinding;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.FormParam;

/** The sign-up form: field names are a contract (username, name, password, confirm). */
public class SignUpForm {

    public static final String CONFIRM_MISMATCH = "The passwords do not match.";

    @MvcBinding
    @FormParam("username")
    @NotNull(message = "Choose a username.")
    @Size(min = 3, max = 32, message = "Use 3 to 32 characters.")
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

    public String getConfirm() {
        return confirm == null ? "" : confirm;
    }

    public boolean passwordConfirmed() {
        return getPassword().equals(getConfirm());
    }
}
