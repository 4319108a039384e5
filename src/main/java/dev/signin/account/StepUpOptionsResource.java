package dev.signin.account;

import dev.signin.auth.Passkeys;
import dev.signin.auth.StepUp;
import dev.signin.web.access.CsrfHeader;
import dev.signin.web.access.SignedIn;
import dev.signin.web.pages.JsonAnswers;
import dev.signin.web.pages.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * POST /account/step-up/options (purpose: one of {@link StepUp.Purpose}'s ids; the CSRF token in
 * X-CSRF-TOKEN): the options for navigator.credentials.get that confirm that change with one of the
 * user's passkeys, as JSON, for /assets/passkeys.js. The challenge is for this user and this change
 * only. An unknown purpose, or a user without passkeys: 422.
 */
@RequestScoped
@CsrfHeader
@Path("account/step-up/options")
@SignedIn
public class StepUpOptionsResource {

    static final String NO_PASSKEYS = "You have no passkeys to confirm this with.";

    @Inject
    StepUp stepUp;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response options(@FormParam("purpose") String purpose) {
        Optional<Passkeys.ConfirmationOptions> offered = StepUp.Purpose.of(purpose).flatMap(stepUp::passkeyOptions);
        if (offered.isEmpty()) {
            return JsonAnswers.error(Views.UNPROCESSABLE, NO_PASSKEYS);
        }
        Passkeys.ConfirmationOptions options = offered.get();
        JsonArrayBuilder allow = Json.createArrayBuilder();
        options.credentialIds().forEach(id -> allow.add(Json.createObjectBuilder().add("type", "public-key").add("id", id)));
        return JsonAnswers.ok(Json.createObjectBuilder()
                .add("challenge", options.challenge())
                .add("rpId", options.rpId())
                .add("allowCredentials", allow)
                .add("userVerification", "required")
                .add("timeout", Passkeys.TIMEOUT_MILLIS)
                .build());
    }
}
