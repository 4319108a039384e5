package dev.signin.signin;

import jakarta.ws.rs.FormParam;

/** The sign-in form: field names are a contract (username, password, remember, next). */
public class SignInForm {

    @FormParam("username")
    private String username;

    @FormParam("password")
    private String password;

    @FormParam("remember")
    private String remember;

    @FormParam("next")
    private String next;

    public String getUsername() {
        return username == null ? "" : username.strip();
    }

    public String getPassword() {
        return password == null ? "" : password;
    }

    /** A ticked checkbox sends a value; an unticked one sends nothing. */
    public boolean isRemember() {
        return remember != null && !remember.isEmpty();
    }

    public String getNext() {
        return next;
    }
}
