package dev.signin;

import dev.signin.account.EmailController;
import dev.signin.recovery.ForgotPasswordController;
import dev.signin.recovery.ResetPasswordController;
import dev.signin.recovery.VerifyEmailController;

import dev.signin.account.AccountController;
import dev.signin.account.PasskeyOptionsResource;
import dev.signin.account.PasskeysController;
import dev.signin.account.SignUpController;
import dev.signin.account.StepUpOptionsResource;
import dev.signin.account.TwoStepController;
import dev.signin.health.HealthResource;
import dev.signin.metrics.MetricsResource;
import dev.signin.profile.ProfileController;
import dev.signin.sessions.SessionsController;
import dev.signin.signin.PasskeySignInController;
import dev.signin.signin.PasskeySignInOptionsResource;
import dev.signin.signin.SignInCodeController;
import dev.signin.signin.SignInController;
import dev.signin.signin.SignOutController;
import dev.signin.web.access.CsrfHeaderFilter;
import dev.signin.web.access.MonitoringFilter;
import dev.signin.web.access.SignedInFilter;
import dev.signin.web.access.SignedOutFilter;
import dev.signin.web.errors.UnexpectedErrorMapper;
import dev.signin.web.headers.NoOptions;
import dev.signin.web.requests.WellFormedForms;
import dev.signin.web.session.CsrfTokens;
import jakarta.mvc.security.Csrf;
import jakarta.ws.rs.core.Application;
import org.eclipse.krazo.Properties;
import org.glassfish.jersey.server.ServerProperties;

import java.util.Map;
import java.util.Set;

/**
 * The Jakarta REST application that hosts the MVC controllers.
 *
 * <p>It has no {@code @ApplicationPath}: web.xml runs it as a filter on {@code /*}, so that the
 * controllers answer at the root ({@code /sign-in}, {@code /}) while static files under
 * {@code /assets/} still reach the container's default servlet.
 */
public class SigninApplication extends Application {

    /**
     * Every controller and provider, listed: run as a filter, Jersey does not scan the WAR for
     * them (and a list is faster to boot and easier to read than a scan). Add yours here.
     */
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                SignInController.class,
                SignInCodeController.class,
                SignOutController.class,
                SignUpController.class,
                AccountController.class,
                TwoStepController.class,
                PasskeysController.class,
                PasskeyOptionsResource.class,
                StepUpOptionsResource.class,
                PasskeySignInController.class,
                PasskeySignInOptionsResource.class,
                SessionsController.class,
                EmailController.class,
                ForgotPasswordController.class,
                ResetPasswordController.class,
                VerifyEmailController.class,
                ProfileController.class,
                HealthResource.class,
                MetricsResource.class,
                SignedInFilter.class,
                CsrfHeaderFilter.class,
                SignedOutFilter.class,
                MonitoringFilter.class,
                NoOptions.class,
                WellFormedForms.class,
                UnexpectedErrorMapper.class);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of(
                // MVC 2.1 defaults to EXPLICIT: make every form POST require the token.
                Csrf.CSRF_PROTECTION, Csrf.CsrfOptions.IMPLICIT,
                // The token in the session of a signed-in user, in a signed cookie for anyone else:
                // no session for every visitor of the sign-in page.
                Properties.CSRF_TOKEN_STRATEGY, new CsrfTokens(),
                // Keep "Location: /" as written: no absolute URL built from the request's Host header.
                ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true,
                // No /application.wadl and no resource descriptions: the app has no API to describe.
                ServerProperties.WADL_FEATURE_DISABLE, true);
    }
}
