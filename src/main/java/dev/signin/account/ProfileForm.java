package dev.signin.account;

import jakarta.mvc.binding.MvcBinding;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.FormParam;

/** POST /account/profile: display name and about text. */
public class ProfileForm {

    public static final int MAX_ABOUT = 500;

    @MvcBinding
    @FormParam("name")
    @DisplayName
    private String name;

    @MvcBinding
    @FormParam("about")
    @Size(max = MAX_ABOUT, message = "Use at most 500 characters.")
    private String about;

    public ProfileForm() {
    }

    public ProfileForm(String name, String about) {
        this.name = name;
        this.about = about;
    }

    public String getName() {
        return name == null ? "" : name;
    }

    /** Line breaks normalised to \n, so that the length limit counts what people typed. */
    public String getAbout() {
        return about == null ? "" : about.replace("\r\n", "\n");
    }
}
