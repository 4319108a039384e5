package dev.signin.recovery;

import dev.signin.config.Settings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/** GET /account/email/verify?token=…: the link mailed to a new address; no sign-in needed (the mailbox is the proof). */
@RequestScoped
@Controller
@Path("account/email/verify")
public class VerifyEmailController {

    static final String VIEW = "recovery/email-verified.jsp";

    @Inject
    Models models;

    @Inject
    EmailAddresses addresses;

    @Inject
    Settings settings;

    @GET
    public Response verify(@QueryParam("token") String token) {
        if (!settings.mail().enabled()) {
            throw new NotFoundException();
        }
        Optional<String> verified = addresses.verify(token);
        if (verified.isEmpty()) {
            models.put("purpose", MailTokens.VERIFY);
            return Response.status(MailTokens.wellFormed(token) ? 410 : 400).entity(ResetPasswordController.INVALID).build();
        }
        models.put("email", verified.get());
        return Response.ok(VIEW).build();
    }
}
