package dev.signin.metrics;

import dev.signin.sessions.SessionRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;

/**
 * The app's metrics, on the server's MicroProfile Metrics endpoint (/metrics?scope=application):
 * sign-ins, failed sign-ins, held-back attempts, password hashing time and active sessions.
 */
@ApplicationScoped
public class SigninMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    SessionRegistry sessions;

    private Counter signIns;
    private Counter failedSignIns;
    private Counter throttled;
    private Timer hashing;

    @PostConstruct
    void register() {
        signIns = registry.counter(Metadata.builder().withName("signin.sign_ins")
                .withDescription("Successful sign-ins (form and remember-me)").build());
        failedSignIns = registry.counter(Metadata.builder().withName("signin.sign_ins.failed")
                .withDescription("Sign-ins refused for a wrong username or password").build());
        throttled = registry.counter(Metadata.builder().withName("signin.sign_ins.throttled")
                .withDescription("Sign-in attempts held back (429) after too many failures").build());
        hashing = registry.timer(Metadata.builder().withName("signin.password.hashing")
                .withDescription("Time spent computing Argon2id password hashes").withUnit(MetricUnits.SECONDS).build());
        registry.gauge(Metadata.builder().withName("signin.sessions.active")
                .withDescription("Signed-in sessions that are neither ended nor expired").build(),
                sessions, SessionRegistry::countActive);
        KrazoServiceScans.counter().ifPresent(counter -> registry.gauge(Metadata.builder()
                .withName("signin.krazo.service_scans")
                .withDescription("Class-path searches by Krazo's ServiceLoaders: with the fix in place "
                        + "(src/krazo-patch) it stops growing after the first pages")
                .build(), counter, KrazoServiceScans::read));
    }

    public void signedIn() {
        signIns.inc();
    }

    public void failedSignIn() {
        failedSignIns.inc();
    }

    public void throttled() {
        throttled.inc();
    }

    public void hashed(Duration took) {
        hashing.update(took);
    }
}
