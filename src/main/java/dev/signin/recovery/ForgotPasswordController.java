package dev.signin.recovery;

import dev.signin.config.Settings;
import dev.signin.web.access.SignedOut;
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
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;

/** GET and POST /password/forgot: one answer for every address (404 with mail off). */
@RequestScoped
@Controller
@Path("password/forgot")
public class ForgotPasswordController {

    static final String VIEW = "recovery/forgot.jsp";
    static final String SENT = "recovery/forgot-sent.jsp";

    @Inject
    Models models;

    @Inject
    PasswordReset reset;

    @Inject
    Settings settings;

    @GET
    @SignedOut
    public Response form() {
        offered();
        return Response.ok(VIEW).build();
    }

    @POST
    public Response request(@FormParam("email") String email) {
        offered();
        String typed = EmailAddress.cleaned(email);
        models.put("email", typed.length() > 254 ? typed.substring(0, 254) : typed);
        Optional<String> problem = EmailAddress.problem(typed);
        if (problem.isPresent()) {
            models.put("errors", Map.of("email", problem.get()));
            return Views.rejected(VIEW);
        }
        Optional<Long> wait = reset.request(typed);
        if (wait.isPresent()) {
            models.put("errors", Map.of("email", Views.heldBackMessage("Too many links asked for.", wait.get())));
            return Views.heldBack(VIEW, wait.get());
        }
        models.put("minutes", settings.mail().resetLifetime().toMinutes());
        return Response.ok(SENT).build();
    }

    private void offered() {
        if (!settings.mail().enabled()) {
            throw new NotFoundException(); // no mail configured: there is no such page
        }
    }
}
