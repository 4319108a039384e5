package dev.signin.health;

import dev.signin.web.session.SessionIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while production refuses sign-in for weak session ids (see SessionIds); dev mode only warns. */
@Readiness
@ApplicationScoped
public class SessionIdReadiness implements HealthCheck {

    @Inject
    SessionIds sessionIds;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("session-ids");
        return sessionIds.refusing()
                ? response.down().withData("reason", "weak session ids: see the server log").build()
                : response.up().build();
    }
}
