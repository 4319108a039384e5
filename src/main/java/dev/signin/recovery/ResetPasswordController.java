package dev.signin.recovery;

import dev.signin.config.Settings;
import dev.signin.users.User;
import dev.signin.web.pages.Navigation;
import dev.signin.web.pages.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/** GET /password/reset?token=… (the form; uses nothing up) and POST /password/reset. */
@RequestScoped
@Controller
@Path("password/reset")
public class ResetPasswordController {

    static final String VIEW = "recovery/reset.jsp";
    static final String INVALID = "recovery/link-invalid.jsp";
    static final String DONE = "Your password has been reset and every session of your account has ended. Sign in with the new password.";

    @Inject
    Models models;

    @Inject
    PasswordReset reset;

    @Inject
    Navigation navigation;

    @Inject
    Settings settings;

    @GET
    public Response form(@QueryParam("token") String token) {
        offered();
        Optional<User> account = reset.accountOf(token);
        if (account.isEmpty()) {
            return invalid(token);
        }
        return form(token, account.get(), Response.ok(VIEW));
    }

    @POST
    public Response reset(@FormParam("token") String token, @FormParam("password") String password,
                          @FormParam("confirm") String confirm, @FormParam("code") String code) {
        offered();
        PasswordReset.Outcome outcome = reset.reset(token, password, confirm, code);
        if (outcome instanceof PasswordReset.Done) {
            return navigation.seeOther("/sign-in", DONE);
        }
        Optional<User> account = reset.accountOf(token);
        if (outcome instanceof PasswordReset.LinkInvalid || account.isEmpty()) {
            return invalid(token);
        }
        if (outcome instanceof PasswordReset.HeldBack held) {
            models.put("errors", java.util.Map.of("code", Views.heldBackMessage(held.seconds())));
            return form(token, account.get(), Response.status(Views.TOO_MANY_REQUESTS).header("Retry-After", held.seconds()));
        }
        models.put("errors", ((PasswordReset.Rejected) outcome).errors());
        return form(token, account.get(), Response.status(Views.UNPROCESSABLE));
    }

    private Response form(String token, User account, Response.ResponseBuilder status) {
        models.put("token", token);
        models.put("username", account.getUsername());
        models.put("codeNeeded", account.isTwoStep());
        return status.entity(VIEW).build();
    }

    /** 400 for what cannot be a link of ours, 410 for one that no longer works. */
    private Response invalid(String token) {
        models.put("purpose", MailTokens.RESET);
        return Response.status(MailTokens.wellFormed(token) ? 410 : 400).entity(INVALID).build();
    }

    private void offered() {
        if (!settings.mail().enabled()) {
            throw new NotFoundException();
        }
    }
}
