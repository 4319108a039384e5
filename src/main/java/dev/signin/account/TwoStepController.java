package dev.signin.account;

import dev.signin.auth.Outcome;
import dev.signin.auth.TwoStep;
import dev.signin.web.Navigation;
import dev.signin.web.SignedIn;
import dev.signin.web.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two-step verification in the account settings: GET /account/two-step; POST .../start (password),
 * .../confirm (code), .../recovery-codes (password), .../disable (password and code).
 */
@RequestScoped
@Controller
@Path("account/two-step")
@SignedIn
public class TwoStepController {

    static final String VIEW = "account/two-step.jsp";
    static final String CODES_VIEW = "account/recovery-codes.jsp";
    static final String WRONG_CODE = "That code is not right, or it was used already. Please try again.";

    @Inject
    Models models;

    @Inject
    TwoStep twoStep;

    @Inject
    Navigation navigation;

    @GET
    public Response page() {
        return Response.ok(fill(null, Map.of())).build();
    }

    @POST
    @Path("start")
    public Response start(@FormParam("current") String current) {
        Outcome outcome = twoStep.start(orEmpty(current));
        return outcome instanceof Outcome.Done ? navigation.seeOther("/account/two-step") : refused(outcome, "start");
    }

    @POST
    @Path("confirm")
    public Response confirm(@FormParam("code") String code) {
        Optional<List<String>> codes = twoStep.confirm(orEmpty(code));
        if (codes.isEmpty()) {
            return Views.rejected(fill("confirm", Map.of("code", WRONG_CODE)));
        }
        return recoveryCodes(codes.get(), true);
    }

    @POST
    @Path("recovery-codes")
    public Response regenerate(@FormParam("current") String current) {
        TwoStep.Codes codes = twoStep.regenerateRecoveryCodes(orEmpty(current));
        return codes.outcome() instanceof Outcome.Done ? recoveryCodes(codes.recoveryCodes(), false)
                : refused(codes.outcome(), "regenerate");
    }

    @POST
    @Path("disable")
    public Response disable(@FormParam("current") String current, @FormParam("code") String code) {
        Outcome outcome = twoStep.disable(orEmpty(current), orEmpty(code));
        return outcome instanceof Outcome.Done
                ? navigation.seeOther("/account/two-step", "Two-step verification is off.") : refused(outcome, "disable");
    }

    private Response recoveryCodes(List<String> codes, boolean justEnabled) {
        models.put("codes", codes);
        models.put("justEnabled", justEnabled);
        return Response.ok(CODES_VIEW).build();
    }

    private Response refused(Outcome outcome, String section) {
        if (outcome instanceof Outcome.HeldBack held) {
            fill(section, Map.of("current", Views.heldBackMessage(held.seconds())));
            return Views.heldBack(VIEW, held.seconds());
        }
        if (outcome instanceof Outcome.WrongCode) {
            return Views.rejected(fill(section, Map.of("code", WRONG_CODE)));
        }
        if (outcome instanceof Outcome.Superseded) {
            return navigation.seeOther("/account/two-step");
        }
        return Views.rejected(fill(section, Map.of("current", SettingsPage.WRONG_CURRENT)));
    }

    private String fill(String section, Map<String, String> errors) {
        TwoStep.Status status = twoStep.status();
        models.put("section", section);
        models.put("errors", errors);
        if (status instanceof TwoStep.On on) {
            models.put("state", "on");
            models.put("recoveryCodesLeft", on.recoveryCodesLeft());
        } else if (status instanceof TwoStep.SettingUp setup) {
            models.put("state", "setting-up");
            models.put("key", setup.key().replaceAll("(.{4})(?!$)", "$1 "));
            models.put("qrCode", QrCode.svg(setup.uri(), "QR code of the key for your authenticator app"));
        } else {
            models.put("state", "off");
        }
        return VIEW;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
