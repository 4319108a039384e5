package dev.signin.account;

import dev.signin.auth.Outcome;
import dev.signin.auth.StepUp;
import dev.signin.recovery.EmailAddress;
import dev.signin.recovery.EmailAddresses;
import dev.signin.web.access.SignedIn;
import dev.signin.web.pages.Navigation;
import dev.signin.web.pages.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;

/**
 * GET and POST /account/email: add or change the address (email, current: the password, and with
 * a second factor on, one of {@link StepUpFields}: the address is where reset links go, so
 * changing it is guarded like a change of the factors). 404 with mail off.
 */
@RequestScoped
@Controller
@Path("account/email")
@SignedIn
public class EmailController {

    static final String VIEW = "account/email.jsp";
    static final String MAIL_HELD_BACK = "Too many links asked for.";

    @Inject
    Models models;

    @Inject
    EmailAddresses addresses;

    @Inject
    StepUp stepUp;

    @Inject
    Navigation navigation;

    @GET
    public Response page() {
        return Response.ok(fill("", Map.of())).build();
    }

    @POST
    public Response change(@FormParam("email") String email, @FormParam("current") String current, @BeanParam StepUpFields second) {
        Optional<String> problem = EmailAddress.problem(email);
        if (problem.isPresent()) {
            return Views.rejected(fill(email, Map.of("email", problem.get())));
        }
        // Counted before the password is checked, as every request of the forgot-password form is.
        Optional<Long> wait = addresses.admitMail(email);
        if (wait.isPresent()) {
            return Views.heldBack(fill(email, Map.of("email", Views.heldBackMessage(MAIL_HELD_BACK, wait.get()))), wait.get());
        }
        Outcome outcome = stepUp.check(StepUp.Purpose.CHANGE_EMAIL, current, second.proof());
        if (outcome instanceof Outcome.HeldBack held) {
            return Views.heldBack(fill(email, StepUpFields.errors(outcome, stepUp.factors())), held.seconds());
        }
        if (!(outcome instanceof Outcome.Done)) {
            return Views.rejected(fill(email, StepUpFields.errors(outcome, stepUp.factors())));
        }
        addresses.changeOwn(email);
        return navigation.seeOther("/account/email", "We sent a link to " + EmailAddress.cleaned(email)
                + ". Follow it to verify the address; until then no password reset link goes there.");
    }

    private String fill(String typed, Map<String, String> errors) {
        if (!addresses.enabled()) {
            throw new NotFoundException(); // no mail configured: there is no such page
        }
        addresses.signedInUser().ifPresent(user -> {
            models.put("current", user.getEmail());
            models.put("verified", user.isEmailVerified());
        });
        models.put("email", typed == null ? "" : typed.strip());
        models.put("factors", stepUp.factors());
        models.put("errors", errors);
        return VIEW;
    }
}
