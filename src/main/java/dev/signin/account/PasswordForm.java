package dev.signin.account;

import jakarta.mvc.binding.MvcBinding;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.FormParam;

/** POST /account/password: current, password, confirm. */
public class PasswordForm {

    @MvcBinding
    @FormParam("current")
    private String current;

    @MvcBinding
    @FormParam("password")
    @NotNull(message = "Choose a new password.")
    @Size(min = 8, max = 128, message = "Use 8 to 128 characters.")
    private String password;

    @MvcBinding
    @FormParam("confirm")
    private String confirm;

    public PasswordForm() {
    }

    public PasswordForm(String current, String password, String confirm) {
        this.current = current;
        this.password = password;
        this.confirm = confirm;
    }

    public String getCurrent() {
        return current == null ? "" : current;
    }

    public String getPassword() {
        return password == null ? "" : password;
    }

    public boolean passwordConfirmed() {
        return getPassword().equals(confirm == null ? "" : confirm);
    }
}
