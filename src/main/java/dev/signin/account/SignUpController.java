package dev.signin.account;

import dev.signin.web.access.SignedOut;
import dev.signin.web.access.StartsSession;
import dev.signin.web.pages.FormErrors;
import dev.signin.web.pages.Navigation;
import dev.signin.web.pages.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.mvc.binding.BindingResult;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** GET and POST /sign-up. */
// Controllers must be CDI beans for Krazo (the views, validation and CSRF hook in through CDI).
@RequestScoped
@Controller
@Path("sign-up")
public class SignUpController {

    static final String VIEW = "account/sign-up.jsp";

    @Inject
    Models models;

    @Inject
    BindingResult binding;

    @Inject
    Registration registration;

    @Inject
    Navigation navigation;

    @GET
    @SignedOut
    public Response form() {
        models.put("form", new SignUpForm());
        return Response.ok(VIEW).build();
    }

    @POST
    @StartsSession
    public Response signUp(@Valid @BeanParam SignUpForm form) {
        Map<String, String> errors = FormErrors.of(binding);
        if (!errors.isEmpty() && !form.passwordConfirmed()) {
            errors.putIfAbsent("confirm", SignUpForm.CONFIRM_MISMATCH); // all the form's problems at once
        }
        Registration.Outcome outcome = errors.isEmpty() ? registration.register(form) : new Registration.Rejected(errors);
        if (outcome instanceof Registration.Registered) {
            return navigation.seeOther("/", "Welcome! Your account has been created.");
        }
        models.put("form", form);
        if (outcome instanceof Registration.HeldBack held) {
            models.put("errors", held.mail()
                    ? Map.of("email", Views.heldBackMessage(EmailController.MAIL_HELD_BACK, held.seconds()))
                    : Map.of("username", Views.heldBackMessage("Too many sign-ups from your address.", held.seconds())));
            return Views.heldBack(VIEW, held.seconds());
        }
        models.put("errors", ((Registration.Rejected) outcome).errors());
        return Views.rejected(VIEW);
    }
}
