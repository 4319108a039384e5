package dev.signin.account;

import dev.signin.auth.Outcome;
import dev.signin.web.access.SignedIn;
import dev.signin.web.pages.FormErrors;
import dev.signin.web.pages.Navigation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.binding.BindingResult;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** The account settings: GET /account, POST /account/profile, /account/password, /account/delete. */
@RequestScoped
@Controller
@Path("account")
@SignedIn
public class AccountController {

    @Inject
    BindingResult binding;

    @Inject
    AccountChanges changes;

    @Inject
    SettingsPage page;

    @Inject
    Navigation navigation;

    @GET
    public Response settings() {
        return page.show();
    }

    @POST
    @Path("profile")
    public Response updateProfile(@Valid @BeanParam ProfileForm form) {
        Map<String, String> errors = FormErrors.of(binding);
        if (!errors.isEmpty()) {
            return page.rejected(form, "profile", errors);
        }
        changes.updateProfile(form);
        return navigation.seeOther("/account", "Your profile has been saved.");
    }

    @POST
    @Path("password")
    public Response changePassword(@Valid @BeanParam PasswordForm form) {
        Map<String, String> errors = FormErrors.of(binding);
        errors.putAll(errors.isEmpty() ? changes.newPasswordProblems(form) : Map.of());
        if (!errors.isEmpty()) {
            return page.rejected("password", errors);
        }
        return answer(changes.changePassword(form), "password", "/account",
                "Your password has been changed. You have been signed out everywhere else.");
    }

    @POST
    @Path("delete")
    public Response delete(@FormParam("current") String current) {
        return answer(changes.delete(current), "delete", "/sign-in", "Your account has been deleted.");
    }

    private Response answer(Outcome outcome, String section, String next, String notice) {
        if (outcome instanceof Outcome.Done) {
            return navigation.seeOther(next, notice);
        }
        if (outcome instanceof Outcome.Superseded) {
            return navigation.seeOther("/account"); // the credentials changed elsewhere: this session is over
        }
        return page.refused(outcome, section);
    }
}
