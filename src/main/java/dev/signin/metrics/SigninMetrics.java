package dev.signin.metrics;

import dev.signin.auth.SecurityEvent;
import dev.signin.auth.session.SessionRegistry;
import dev.signin.password.PasswordHashed;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The app's metrics, rendered at /metrics: sign-ins, failed password checks, held-back attempts,
 * password hashing time and active sessions. Counted from the {@link SecurityEvent}s and
 * {@link PasswordHashed} events the app fires; nothing calls this class.
 */
@ApplicationScoped
public class SigninMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    SessionRegistry sessions;

    private Counter signIns;
    private Counter failedSignIns;
    private Counter failedPasswordChecks;
    private Counter throttled;
    private Counter failedCodes;
    private Counter recoveryCodesUsed;
    private Counter failedPasskeys;
    private Timer hashing;
    /** Mail and account recovery, one counter per step, named after the audit log's event. */
    private final Map<SecurityEvent.Kind, Counter> recovery = new EnumMap<>(SecurityEvent.Kind.class);
    static final List<SecurityEvent.Kind> RECOVERY_STEPS = List.of(SecurityEvent.Kind.MAIL_QUEUED, SecurityEvent.Kind.MAIL_SENT,
            SecurityEvent.Kind.MAIL_FAILED, SecurityEvent.Kind.MAIL_GIVEN_UP, SecurityEvent.Kind.PASSWORD_RESET_REQUESTED,
            SecurityEvent.Kind.PASSWORD_RESET_MAILED, SecurityEvent.Kind.PASSWORD_RESET_THROTTLED, SecurityEvent.Kind.PASSWORD_RESET_REFUSED,
            SecurityEvent.Kind.PASSWORD_RESET, SecurityEvent.Kind.EMAIL_CHANGED, SecurityEvent.Kind.EMAIL_VERIFIED,
            SecurityEvent.Kind.EMAIL_VERIFICATION_REFUSED);

    @PostConstruct
    void register() {
        signIns = registry.counter(Metadata.builder().withName("signin.sign_ins")
                .withDescription("Successful sign-ins (form, passkey and remember-me)").build());
        failedSignIns = registry.counter(Metadata.builder().withName("signin.sign_ins.failed")
                .withDescription("Sign-ins refused for a wrong username or password").build());
        failedPasswordChecks = registry.counter(Metadata.builder().withName("signin.password_checks.failed")
                .withDescription("Wrong current passwords given to change the password or delete the account").build());
        throttled = registry.counter(Metadata.builder().withName("signin.sign_ins.throttled")
                .withDescription("Attempts held back (429): sign-ins and current passwords after too many failures, "
                        + "sign-ups after too many from one address").build());
        failedCodes = registry.counter(Metadata.builder().withName("signin.codes.failed")
                .withDescription("Wrong authenticator-app or recovery codes at sign-in, and second factors refused for a change "
                        + "of the factors (a wrong code, a misplaced recovery code, a passkey answer that did not verify)").build());
        recoveryCodesUsed = registry.counter(Metadata.builder().withName("signin.recovery_codes.used")
                .withDescription("Recovery codes used in place of an authenticator-app code").build());
        failedPasskeys = registry.counter(Metadata.builder().withName("signin.passkeys.failed")
                .withDescription("Passkey sign-ins refused: an answer that did not verify, or a challenge used, late or not this browser's").build());
        // One counter per step (/metrics is rendered by MetricsResource, one line per name).
        for (SecurityEvent.Kind kind : RECOVERY_STEPS) {
            recovery.put(kind, registry.counter(Metadata.builder().withName("signin.recovery." + kind.jsonName())
                    .withDescription("Mail and account recovery: " + kind.jsonName().replace('_', ' ') + " (the audit log's event)").build()));
        }
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

    /** Delivering this creates the bean at start-up, so /metrics lists every metric before the first event. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // registered in @PostConstruct
    }

    void count(@Observes SecurityEvent event) {
        switch (event.kind()) {
            case SIGN_IN_SUCCESS, SIGN_IN_REMEMBERED, SIGN_IN_PASSKEY -> signIns.inc();
            case SIGN_IN_PASSKEY_FAILED -> failedPasskeys.inc();
            case SIGN_IN_FAILURE -> failedSignIns.inc();
            case PASSWORD_CHECK_FAILURE -> failedPasswordChecks.inc();
            case SIGN_IN_THROTTLED, PASSWORD_CHECK_THROTTLED, SIGN_UP_THROTTLED, SIGN_IN_CODE_THROTTLED -> throttled.inc();
            case SIGN_IN_CODE_FAILED, SECOND_FACTOR_REFUSED -> failedCodes.inc();
            case RECOVERY_CODE_USED -> recoveryCodesUsed.inc();
            default -> {
                Counter step = recovery.get(event.kind());
                if (step != null) {
                    step.inc();
                }
                // the other steps are in the audit log, not counted
            }
        }
    }

    void time(@Observes PasswordHashed hashed) {
        hashing.update(hashed.took());
    }
}
