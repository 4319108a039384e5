package dev.signin.account;

import dev.signin.auth.Outcome;
import dev.signin.auth.Passkeys;
import dev.signin.auth.StepUp;
import dev.signin.web.access.SecondFactorSetUp;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Passkeys in the account settings: GET /account/passkeys (the list, a form to add one); POST .../add (what the
 * browser's authenticator made, posted by /assets/passkeys.js after /account/passkeys/options); POST .../remove
 * (passkey, current: the password, and with a second factor on, one of {@link StepUpFields}).
 */
@RequestScoped
@Controller
@Path("account/passkeys")
@SignedIn
public class PasskeysController {

    static final String VIEW = "account/passkeys.jsp";
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    static final String NOT_ADDED = "That passkey could not be added. Please try again.";
    static final String EXPIRED = "Adding the passkey took too long. Please try again.";

    @Inject
    Models models;

    @Inject
    Passkeys passkeys;

    @Inject
    Navigation navigation;

    @Inject
    StepUp stepUp;

    @GET
    @SecondFactorSetUp
    public Response page() {
        return Response.ok(fill(null, Map.of())).build();
    }

    @POST
    @Path("add")
    @SecondFactorSetUp
    public Response add(@FormParam("name") String name, @FormParam("userHandle") String userHandle,
                        @FormParam("clientDataJSON") String clientDataJson, @FormParam("attestationObject") String attestationObject) {
        Passkeys.Added added = passkeys.add(name, userHandle, clientDataJson, attestationObject);
        return switch (added) {
            case ADDED -> navigation.seeOther("/account/passkeys", "Passkey added. You can sign in with it now.");
            case ALREADY_THERE -> navigation.seeOther("/account/passkeys", "That passkey is in your list already.");
            case EXPIRED -> Views.rejected(fill("add", Map.of("name", EXPIRED)));
            case REFUSED -> Views.rejected(fill("add", Map.of("name", NOT_ADDED)));
        };
    }

    @POST
    @Path("remove")
    public Response remove(@FormParam("passkey") String passkey, @FormParam("current") String current, @BeanParam StepUpFields second) {
        Outcome outcome = passkeys.remove(passkey, current, second.proof());
        if (outcome instanceof Outcome.Done) {
            return navigation.seeOther("/account/passkeys", "Passkey removed.");
        }
        if (outcome instanceof Outcome.Superseded) {
            return navigation.seeOther("/account/passkeys");
        }
        models.put("removing", passkey);
        String view = fill("remove", StepUpFields.errors(outcome, stepUp.factors()));
        return outcome instanceof Outcome.HeldBack held ? Views.heldBack(view, held.seconds()) : Views.rejected(view);
    }

    private String fill(String section, Map<String, String> errors) {
        models.put("section", section);
        models.put("errors", errors);
        models.put("passkeys", passkeys.list());
        models.put("factors", stepUp.factors());
        models.put("setUpRequired", stepUp.setUpRequired());
        models.put("nameMax", Passkeys.MAX_NAME);
        models.put("when", WHEN);
        return VIEW;
    }
}
