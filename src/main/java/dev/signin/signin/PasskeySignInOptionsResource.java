package dev.signin.signin;

import dev.signin.auth.Passkeys;
import dev.signin.web.access.CsrfHeader;
import dev.signin.web.pages.JsonAnswers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import jakarta.ws.rs.core.Response;

/**
 * POST /sign-in/passkey/options (the CSRF token in X-CSRF-TOKEN): the options for navigator.credentials.get, as JSON, for
 * /assets/passkeys.js: a challenge and the relying party id, no list of credentials (the
 * authenticator offers its passkeys for this site: no username is asked). The challenge is bound
 * to this browser by a signed cookie (no session is made for it).
 */
@RequestScoped
@CsrfHeader
@Path("sign-in/passkey/options")
public class PasskeySignInOptionsResource {

    @Inject
    Passkeys passkeys;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response options() {
        Passkeys.SignInOptions options = passkeys.signInOptions();
        return JsonAnswers.ok(Json.createObjectBuilder()
                .add("challenge", options.challenge())
                .add("rpId", options.rpId())
                .add("userVerification", "required")
                .add("timeout", Passkeys.TIMEOUT_MILLIS)
                .build());
    }
}
