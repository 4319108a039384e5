package dev.signin.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Alive as long as the app can answer at all: a lost database makes the app not ready
 * (/health/ready), not dead, since restarting it would not bring the database back.
 */
@org.eclipse.microprofile.health.Liveness
@ApplicationScoped
public class AppLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("signin");
    }
}
