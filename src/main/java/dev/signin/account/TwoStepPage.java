package dev.signin.account;

import dev.signin.auth.Outcome;
import dev.signin.auth.StepUp;
import dev.signin.auth.TwoStep;
import dev.signin.web.pages.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Models;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** The two-step verification page: its state, the second factor its forms ask for, and errors at the form they belong to. */
@RequestScoped
public class TwoStepPage {

    static final String VIEW = "account/two-step.jsp";
    static final String CODES_VIEW = "account/recovery-codes.jsp";

    @Inject
    Models models;

    @Inject
    TwoStep twoStep;

    @Inject
    StepUp stepUp;

    public Response show() {
        return Response.ok(fill(null, Map.of())).build();
    }

    /** 422 (or 429 when held back): the page again, with what is wrong in this section's form. */
    public Response rejected(String section, Map<String, String> errors) {
        return Views.rejected(fill(section, errors));
    }

    /** A change refused by {@link StepUp}: the page with the reason at its field. */
    public Response refused(Outcome outcome, String section) {
        String view = fill(section, StepUpFields.errors(outcome, stepUp.factors()));
        return outcome instanceof Outcome.HeldBack held ? Views.heldBack(view, held.seconds()) : Views.rejected(view);
    }

    /** The recovery codes, shown once. */
    public Response recoveryCodes(List<String> codes, boolean justEnabled) {
        models.put("codes", codes);
        models.put("justEnabled", justEnabled);
        return Response.ok(CODES_VIEW).build();
    }

    private String fill(String section, Map<String, String> errors) {
        TwoStep.Status status = twoStep.status();
        models.put("section", section);
        models.put("errors", errors);
        models.put("factors", stepUp.factors());
        models.put("setUpRequired", stepUp.setUpRequired());
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
}
