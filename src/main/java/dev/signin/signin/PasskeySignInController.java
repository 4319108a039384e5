package dev.signin.signin;

import dev.signin.auth.Authentication;
import dev.signin.auth.Outcome;
import dev.signin.auth.Passkeys;
import dev.signin.web.access.StartsSession;
import dev.signin.web.pages.Navigation;
import dev.signin.web.pages.SafeRedirect;
import dev.signin.web.pages.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * POST /sign-in/passkey: the answer of the browser's authenticator to the challenge of
 * /sign-in/passkey/options, posted as a form by /assets/passkeys.js (fields credentialId,
 * userHandle, authenticatorData, clientDataJSON, signature, each base64url; next; _csrf). Right:
 * the session starts (no code step: a passkey is two factors) and 303 to next. Otherwise 422 and
 * the sign-in page saying so.
 */
@RequestScoped
@Controller
@Path("sign-in/passkey")
public class PasskeySignInController {

    static final String REFUSED = "That passkey was not accepted. Please try again, or sign in with your password.";
    static final String EXPIRED = "Your passkey sign-in took too long or was already used. Please try again.";

    @Inject
    Models models;

    @Inject
    Authentication authentication;

    @Inject
    Navigation navigation;

    @POST
    @StartsSession
    public Response signIn(@FormParam("credentialId") String credentialId, @FormParam("userHandle") String userHandle,
                           @FormParam("authenticatorData") String authenticatorData, @FormParam("clientDataJSON") String clientDataJson,
                           @FormParam("signature") String signature, @FormParam("next") String next) {
        String target = SafeRedirect.localPath(next);
        Outcome outcome = authentication.signInWithPasskey(
                new Passkeys.Assertion(credentialId, userHandle, authenticatorData, clientDataJson, signature));
        if (outcome instanceof Outcome.Done) {
            return navigation.seeOther(target);
        }
        models.put("next", target);
        models.put("error", outcome instanceof Outcome.Expired ? EXPIRED : REFUSED);
        return Views.rejected(SignInController.VIEW);
    }
}
