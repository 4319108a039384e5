package dev.signin.account;

import dev.signin.password.NewPassword;
import jakarta.mvc.binding.MvcBinding;
import jakarta.ws.rs.FormParam;

/** POST /account/password: current, password, confirm. */
public class PasswordForm {

    @MvcBinding
    @FormParam("current")
    private String current;

    @MvcBinding
    @FormParam("password")
    @NewPassword
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
