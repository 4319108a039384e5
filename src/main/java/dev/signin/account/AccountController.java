package dev.signin.account;

import dev.signin.auth.CurrentUser;
import dev.signin.auth.RememberMe;
import dev.signin.audit.Audit;
import dev.signin.audit.AuditLog;
import dev.signin.sessions.SessionRegistry;
import dev.signin.web.Flash;
import dev.signin.web.FormErrors;
import dev.signin.web.Redirects;
import dev.signin.web.SignedIn;
import dev.signin.web.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.mvc.binding.BindingResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** The account settings: GET /account, POST /account/profile, /account/password, /account/delete. */
@RequestScoped
@Controller
@Path("account")
@SignedIn
public class AccountController {

    static final String VIEW = "account/account.jsp";

    @Inject
    Models models;

    @Inject
    BindingResult binding;

    @Inject
    CurrentUser currentUser;

    @Inject
    AccountChanges changes;

    @Inject
    RememberMe rememberMe;

    @Inject
    SessionRegistry sessions;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @GET
    public Response settings() {
        User user = currentUser.getUser();
        show(storedProfile(user), null, Map.of());
        return Response.ok(VIEW).build();
    }

    @POST
    @Path("profile")
    public Response updateProfile(@Valid @BeanParam ProfileForm form) {
        Map<String, String> errors = FormErrors.of(binding);
        if (errors.isEmpty()) {
            errors = changes.updateProfile(currentUser.getUser(), form);
        }
        if (!errors.isEmpty()) {
            return rejected(form, "profile", errors);
        }
        Flash.put(request, "Your profile has been saved.");
        return Redirects.seeOther(request.getContextPath(), "/account");
    }

    @POST
    @Path("password")
    public Response changePassword(@Valid @BeanParam PasswordForm form) {
        User user = currentUser.getUser();
        Map<String, String> errors = FormErrors.of(binding);
        if (errors.isEmpty()) {
            errors = changes.changePassword(user, form);
        }
        if (!errors.isEmpty()) {
            return rejected(storedProfile(user), "password", errors);
        }
        // Every other session is over now; this one continues under a brand-new session.
        audit.log(Audit.Event.PASSWORD_CHANGED, user.getId(), null, request);
        sessions.restart(request, user.getId(), SessionRegistry.Reason.PASSWORD_CHANGED);
        sessions.endAllBut(user.getId(), sessions.currentKey(request).orElse(null), SessionRegistry.Reason.PASSWORD_CHANGED);
        rememberMe.revokeOthers(request, response, user.getId());
        Flash.put(request, "Your password has been changed. You have been signed out everywhere else.");
        return Redirects.seeOther(request.getContextPath(), "/account");
    }

    @POST
    @Path("delete")
    public Response delete(@FormParam("current") String current) {
        User user = currentUser.getUser();
        Map<String, String> errors = changes.delete(user, current);
        if (!errors.isEmpty()) {
            return rejected(storedProfile(user), "delete", errors);
        }
        audit.log(Audit.Event.ACCOUNT_DELETED, user.getId(), null, request);
        rememberMe.clear(request, response);
        sessions.end(request, SessionRegistry.Reason.ACCOUNT_GONE);
        Flash.put(request, "Your account has been deleted.");
        return Redirects.seeOther(request.getContextPath(), "/sign-in");
    }

    private static ProfileForm storedProfile(User user) {
        return new ProfileForm(user.getDisplayName(), user.getAbout());
    }

    private Response rejected(ProfileForm profile, String section, Map<String, String> errors) {
        show(profile, section, errors);
        return Views.rejected(VIEW);
    }

    /** What the settings page shows; section says which form the errors belong to. */
    private void show(ProfileForm profile, String section, Map<String, String> errors) {
        models.put("user", currentUser.getUser());
        models.put("profile", profile);
        models.put("section", section);
        models.put("errors", errors);
        models.put("maxAbout", ProfileForm.MAX_ABOUT);
    }
}
