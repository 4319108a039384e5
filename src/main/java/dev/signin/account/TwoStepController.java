package dev.signin.account;

import dev.signin.auth.Outcome;
import dev.signin.auth.TwoStep;
import dev.signin.web.access.SecondFactorSetUp;
import dev.signin.web.access.SignedIn;
import dev.signin.web.pages.Navigation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.ws.rs.BeanParam;
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
 * .../confirm (code), .../recovery-codes (password), .../disable (password). With a second factor
 * on, start, recovery-codes and disable need one too ({@link StepUpFields}).
 */
@RequestScoped
@Controller
@Path("account/two-step")
@SignedIn
public class TwoStepController {

    @Inject
    TwoStep twoStep;

    @Inject
    TwoStepPage page;

    @Inject
    Navigation navigation;

    @GET
    @SecondFactorSetUp
    public Response page() {
        return page.show();
    }

    @POST
    @Path("start")
    @SecondFactorSetUp
    public Response start(@FormParam("current") String current, @BeanParam StepUpFields second) {
        Outcome outcome = twoStep.start(current, second.proof());
        return outcome instanceof Outcome.Done ? navigation.seeOther("/account/two-step") : refused(outcome, "start");
    }

    @POST
    @Path("confirm")
    @SecondFactorSetUp
    public Response confirm(@FormParam("code") String code) {
        Optional<List<String>> codes = twoStep.confirm(code == null ? "" : code);
        return codes.isPresent() ? page.recoveryCodes(codes.get(), true)
                : page.rejected("confirm", Map.of("code", StepUpFields.WRONG_CODE));
    }

    @POST
    @Path("recovery-codes")
    public Response regenerate(@FormParam("current") String current, @BeanParam StepUpFields second) {
        TwoStep.Codes codes = twoStep.regenerateRecoveryCodes(current, second.proof());
        return codes.outcome() instanceof Outcome.Done ? page.recoveryCodes(codes.recoveryCodes(), false)
                : refused(codes.outcome(), "regenerate");
    }

    @POST
    @Path("disable")
    public Response disable(@FormParam("current") String current, @BeanParam StepUpFields second) {
        Outcome outcome = twoStep.disable(current, second.proof());
        return outcome instanceof Outcome.Done
                ? navigation.seeOther("/account/two-step", "Two-step verification is off.") : refused(outcome, "disable");
    }

    private Response refused(Outcome outcome, String section) {
        return outcome instanceof Outcome.Superseded ? navigation.seeOther("/account/two-step") : page.refused(outcome, section);
    }
}
