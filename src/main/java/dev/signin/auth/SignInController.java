package dev.signin.auth;

import dev.signin.account.UserRepository;
import dev.signin.audit.Audit;
import dev.signin.audit.AuditLog;
import dev.signin.config.Settings;
import dev.signin.metrics.SigninMetrics;
import dev.signin.sessions.SessionRegistry;
import dev.signin.web.Redirects;
import dev.signin.web.SafeRedirect;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Optional;

/** GET and POST /sign-in. */
// Controllers must be CDI beans for Krazo (the views, validation and CSRF hook in through CDI).
@RequestScoped
@Controller
@Path("sign-in")
public class SignInController {

    static final String VIEW = "signin/sign-in.jsp";
    static final String INVALID = "Invalid username or password";
    static final int TOO_MANY_REQUESTS = 429;

    @Inject
    Models models;

    @Inject
    CurrentUser currentUser;

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    UserRepository users;

    @Inject
    RememberMe rememberMe;

    @Inject
    SessionRegistry sessions;

    @Inject
    SignInThrottle throttle;

    @Inject
    Settings settings;

    @Inject
    SigninMetrics metrics;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @GET
    public Response form(@QueryParam("next") String next) {
        String target = SafeRedirect.localPath(next);
        if (currentUser.user().isPresent()) {
            return Redirects.seeOther(request.getContextPath(), target);
        }
        models.put("next", target);
        return Response.ok(VIEW).build();
    }

    @POST
    public Response signIn(@BeanParam SignInForm form) {
        String target = SafeRedirect.localPath(form.getNext());
        String client = settings.clientAddress(request);
        SignInThrottle.Check check = throttle.check(form.getUsername(), client);
        Optional<Duration> wait = check.heldBackFor();
        if (wait.isPresent()) {
            // Held back before any hashing: the same answer whether the account exists or not.
            long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toMillisPart() > 0 ? 1 : 0));
            audit.log(Audit.Event.SIGN_IN_THROTTLED, null, form.getUsername(), request);
            metrics.throttled();
            reshow(form, target, "Too many failed attempts. Please wait " + seconds
                    + (seconds == 1 ? " second" : " seconds") + " and try again.");
            return Response.status(TOO_MANY_REQUESTS, "Too Many Requests").header("Retry-After", seconds).entity(VIEW).build();
        }
        CredentialValidationResult result = identityStores.validate(
                new UsernamePasswordCredential(form.getUsername(), form.getPassword()));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            throttle.failed(form.getUsername(), client);
            audit.log(Audit.Event.SIGN_IN_FAILURE, null, form.getUsername(), request);
            metrics.failedSignIn();
            // One message for unknown user and wrong password; no session is created for it.
            reshow(form, target, INVALID);
            return Response.ok(VIEW).build();
        }
        long userId = Long.parseLong(result.getCallerPrincipal().getName());
        throttle.succeeded(form.getUsername(), check);
        sessions.start(request, userId);
        audit.log(Audit.Event.SIGN_IN_SUCCESS, userId, null, request);
        metrics.signedIn();
        if (form.isRemember()) {
            users.findById(userId).ifPresent(user -> rememberMe.issue(request, response, user));
        }
        return Redirects.seeOther(request.getContextPath(), target);
    }

    private void reshow(SignInForm form, String target, String error) {
        models.put("next", target);
        models.put("username", form.getUsername().length() > 64 ? "" : form.getUsername());
        models.put("error", error);
    }
}
