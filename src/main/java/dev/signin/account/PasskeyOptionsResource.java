package dev.signin.account;

import dev.signin.auth.Outcome;
import dev.signin.auth.Passkeys;
import dev.signin.auth.StepUp;
import dev.signin.web.access.CsrfHeader;
import dev.signin.web.access.SecondFactorSetUp;
import dev.signin.web.access.SignedIn;
import dev.signin.web.pages.JsonAnswers;
import dev.signin.web.pages.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * POST /account/passkeys/options (current: the password, and with a second factor on, one of
 * {@link StepUpFields}; the CSRF token in X-CSRF-TOKEN): the options for
 * navigator.credentials.create, as JSON, for /assets/passkeys.js. A discoverable credential
 * (residentKey required) with user verification required, no attestation asked for. Wrong
 * password or second factor: 422; held back: 429.
 */
@RequestScoped
@CsrfHeader
@Path("account/passkeys/options")
@SignedIn
public class PasskeyOptionsResource {

    @Inject
    Passkeys passkeys;

    @Inject
    StepUp stepUp;

    @POST
    @SecondFactorSetUp
    @Produces(MediaType.APPLICATION_JSON)
    public Response options(@FormParam("current") String current, @BeanParam StepUpFields second) {
        Passkeys.Offered offered = passkeys.registrationOptions(current, second.proof());
        if (offered.outcome() instanceof Outcome.HeldBack held) {
            return JsonAnswers.heldBack(held.seconds());
        }
        if (offered.options() == null) {
            return JsonAnswers.error(Views.UNPROCESSABLE, StepUpFields.message(offered.outcome(), stepUp.factors()));
        }
        Passkeys.RegistrationOptions options = offered.options();
        JsonArrayBuilder exclude = Json.createArrayBuilder();
        options.excludeCredentials().forEach(id -> exclude.add(Json.createObjectBuilder().add("type", "public-key").add("id", id)));
        return JsonAnswers.ok(Json.createObjectBuilder()
                .add("challenge", options.challenge())
                .add("rp", Json.createObjectBuilder().add("id", options.rpId()).add("name", "signin"))
                .add("user", Json.createObjectBuilder().add("id", options.userHandle()).add("name", options.username())
                        .add("displayName", options.displayName()))
                .add("pubKeyCredParams", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "public-key").add("alg", -7))
                        .add(Json.createObjectBuilder().add("type", "public-key").add("alg", -257)))
                .add("authenticatorSelection", Json.createObjectBuilder().add("residentKey", "required")
                        .add("requireResidentKey", true).add("userVerification", "required"))
                .add("excludeCredentials", exclude)
                .add("attestation", "none")
                .add("timeout", Passkeys.TIMEOUT_MILLIS)
                .build());
    }
}
