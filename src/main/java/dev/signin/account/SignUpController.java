package dev.signin.account;

import dev.signin.auth.CurrentUser;
import dev.signin.audit.Audit;
import dev.signin.audit.AuditLog;
import dev.signin.sessions.SessionRegistry;
import dev.signin.web.Flash;
import dev.signin.web.FormErrors;
import dev.signin.web.Redirects;
import dev.signin.web.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.mvc.binding.BindingResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** GET and POST /sign-up. */
// Controllers must be CDI beans for Krazo (the views, validation and CSRF hook in through CDI).
@RequestScoped
@Controller
@Path("sign-up")
public class SignUpController {

    static final String VIEW = "account/sign-up.jsp";

    @Inject
    Models models;

    @Inject
    BindingResult binding;

    @Inject
    Registration registration;

    @Inject
    CurrentUser currentUser;

    @Inject
    SessionRegistry sessions;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    @GET
    public Response form() {
        if (currentUser.user().isPresent()) {
            return Redirects.seeOther(request.getContextPath(), "/");
        }
        models.put("form", new SignUpForm());
        return Response.ok(VIEW).build();
    }

    @POST
    public Response signUp(@Valid @BeanParam SignUpForm form) {
        Map<String, String> errors = FormErrors.of(binding);
        if (!errors.isEmpty() && !form.passwordConfirmed()) {
            errors.putIfAbsent("confirm", SignUpForm.CONFIRM_MISMATCH); // all the form's problems at once
        }
        if (errors.isEmpty()) {
            Registration.Outcome outcome = registration.register(form);
            if (outcome instanceof Registration.Registered registered) {
                sessions.start(request, registered.user().getId());
                audit.log(Audit.Event.SIGN_UP, registered.user().getId(), null, request);
                Flash.put(request, "Welcome! Your account has been created.");
                return Redirects.seeOther(request.getContextPath(), "/");
            }
            errors = ((Registration.Rejected) outcome).errors();
        }
        models.put("form", form);
        models.put("errors", errors);
        return Views.rejected(VIEW);
    }
}
