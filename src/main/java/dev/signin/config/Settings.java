package dev.signin.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting of the app, read once through MicroProfile Config (system properties,
 * environment variables such as {@code SIGNIN_SECRET}, or META-INF/microprofile-config.properties).
 * docs/configuration.md lists them.
 */
@ApplicationScoped
public class Settings {

    /** The OWASP Password Storage Cheat Sheet minimum for Argon2id: 19 MiB of memory, 2 iterations. */
    public static final int MIN_PASSWORD_MEMORY_KIB = 19 * 1024;
    public static final int MIN_PASSWORD_ITERATIONS = 2;
    /** The shortest bearer token /metrics accepts. */
    public static final int MIN_METRICS_TOKEN = 24;

    @Inject
    @ConfigProperty(name = "signin.mode", defaultValue = "production")
    String modeName;

    @Inject
    @ConfigProperty(name = "signin.data-dir", defaultValue = "./data")
    String dataDirName;

    @Inject
    @ConfigProperty(name = "signin.secret")
    Optional<String> secret;

    @Inject
    @ConfigProperty(name = "signin.secret.fallbacks")
    Optional<String> secretFallbacks;

    @Inject
    @ConfigProperty(name = "signin.session.timeout-minutes", defaultValue = "30")
    int sessionTimeoutMinutes;

    @Inject
    @ConfigProperty(name = "signin.session.lifetime-minutes", defaultValue = "720")
    int sessionLifetimeMinutes;

    @Inject
    @ConfigProperty(name = "signin.remember-me.days", defaultValue = "30")
    int rememberMeDays;

    @Inject
    @ConfigProperty(name = "signin.https", defaultValue = "false")
    boolean https;

    @Inject
    @ConfigProperty(name = "signin.demo-users", defaultValue = "false")
    boolean demoUsers;

    @Inject
    @ConfigProperty(name = "signin.two-step.required", defaultValue = "false")
    boolean twoStepRequired;

    @Inject
    @ConfigProperty(name = "signin.session-ids.replace", defaultValue = "true")
    boolean replaceSessionIds;

    @Inject
    @ConfigProperty(name = "signin.password.memory-kib", defaultValue = "19456")
    int passwordMemoryKib;

    @Inject
    @ConfigProperty(name = "signin.password.iterations", defaultValue = "2")
    int passwordIterations;

    @Inject
    @ConfigProperty(name = "signin.password.concurrent-hashes", defaultValue = "0")
    int concurrentHashes;

    @Inject
    @ConfigProperty(name = "signin.throttle.account-free-failures", defaultValue = "5")
    int throttleAccountFreeFailures;

    @Inject
    @ConfigProperty(name = "signin.throttle.address-free-failures", defaultValue = "20")
    int throttleAddressFreeFailures;

    @Inject
    @ConfigProperty(name = "signin.trusted-proxies")
    Optional<String> trustedProxies;

    @Inject
    @ConfigProperty(name = "signin.metrics.addresses")
    Optional<String> metricsAddresses;

    @Inject
    @ConfigProperty(name = "signin.metrics.token")
    Optional<String> metricsToken;

    @Inject
    @ConfigProperty(name = "signin.webauthn.rp-id", defaultValue = RelyingParty.DEFAULT_ID)
    String webauthnRpId;

    @Inject
    @ConfigProperty(name = "signin.webauthn.origins", defaultValue = RelyingParty.DEFAULT_ORIGINS)
    String webauthnOrigins;

    private Mode mode;
    private RelyingParty relyingParty;
    private Set<String> trustedProxyAddresses;
    private Set<String> metricsAddressSet;
    private SecretKeys secretKeys;

    @PostConstruct
    void check() {
        mode = Mode.parse(modeName);
        if (sessionTimeoutMinutes < 1) {
            throw new ConfigurationException("signin.session.timeout-minutes must be at least 1");
        }
        if (sessionLifetimeMinutes < sessionTimeoutMinutes) {
            throw new ConfigurationException("signin.session.lifetime-minutes must be at least the idle timeout");
        }
        if (throttleAccountFreeFailures < 1 || throttleAddressFreeFailures < 1) {
            throw new ConfigurationException("signin.throttle.*-free-failures must be at least 1");
        }
        if (rememberMeDays < 1 || rememberMeDays > 400) {
            throw new ConfigurationException("signin.remember-me.days must be between 1 and 400");
        }
        if (passwordMemoryKib < MIN_PASSWORD_MEMORY_KIB || passwordIterations < MIN_PASSWORD_ITERATIONS) {
            throw new ConfigurationException("signin.password.memory-kib and signin.password.iterations may only raise "
                    + "the Argon2id cost above the OWASP minimum (19456 KiB, 2 iterations)");
        }
        // Comma-separated; read as one string (Payara cannot inject Optional<List<String>>).
        List<String> fallbacks = secretFallbacks.map(v -> List.of(v.split(","))).orElse(List.of());
        secretKeys = SecretKeys.load(mode, secret, fallbacks, dataDir());
        trustedProxyAddresses = addresses(trustedProxies);
        relyingParty = RelyingParty.parse(webauthnRpId, webauthnOrigins);
        metricsAddressSet = addresses(metricsAddresses);
        if (metricsToken().filter(token -> token.length() < MIN_METRICS_TOKEN).isPresent()) {
            throw new ConfigurationException("signin.metrics.token (SIGNIN_METRICS_TOKEN) must be at least " + MIN_METRICS_TOKEN
                    + " characters, e.g. the output of 'openssl rand -base64 32'");
        }
    }

    public Mode mode() {
        return mode;
    }

    public Path dataDir() {
        return Path.of(dataDirName);
    }

    public SecretKeys secretKeys() {
        return secretKeys;
    }

    public Duration sessionTimeout() {
        return Duration.ofMinutes(sessionTimeoutMinutes);
    }

    /** The absolute lifetime of a signed-in session, however active it is. */
    public Duration sessionLifetime() {
        return Duration.ofMinutes(sessionLifetimeMinutes);
    }

    public Duration rememberMe() {
        return Duration.ofDays(rememberMeDays);
    }

    /** Served over HTTPS (directly or behind a TLS proxy): cookies get the Secure attribute. */
    public boolean https() {
        return https;
    }

    /**
     * Every account must have a second factor (an authenticator app or a passkey): one without
     * reaches only the set-up of one, and a password is a way in only with the app's code.
     */
    public boolean twoStepRequired() {
        return twoStepRequired;
    }

    /**
     * The app gives the container's session manager its own generator of 128-bit ids (true, the
     * default); false keeps the container's own ids, for a server whose ids are strong already.
     * Either way, production refuses to sign anyone in while the ids issued are weak.
     */
    public boolean replaceSessionIds() {
        return replaceSessionIds;
    }

    /** Demo accounts with known passwords: only ever in dev mode. */
    public boolean demoUsers() {
        return demoUsers && mode == Mode.DEV;
    }

    /** How many password hashes may run at once; 0 (the default) means one per processor. */
    public int concurrentHashes() {
        return concurrentHashes > 0 ? concurrentHashes : Runtime.getRuntime().availableProcessors();
    }

    public int throttleAccountFreeFailures() {
        return throttleAccountFreeFailures;
    }

    public int throttleAddressFreeFailures() {
        return throttleAddressFreeFailures;
    }

    /** Comma-separated addresses, as a set. */
    private static Set<String> addresses(Optional<String> list) {
        return list.map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                .collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /** Client addresses that may read /metrics without a token (signin.metrics.addresses); none by default. */
    public Set<String> metricsAddresses() {
        return metricsAddressSet;
    }

    /** The bearer token that may read /metrics (signin.metrics.token); none by default. */
    public Optional<String> metricsToken() {
        return metricsToken.map(String::strip).filter(token -> !token.isEmpty());
    }

    /** The reverse proxies whose X-Forwarded-For is believed (signin.trusted-proxies). */
    public Set<String> trustedProxies() {
        return trustedProxyAddresses;
    }

    /** Passkeys: the relying party id and the origins answers may come from (signin.webauthn.*). */
    public RelyingParty relyingParty() {
        return relyingParty;
    }

    public int passwordMemoryKib() {
        return passwordMemoryKib;
    }

    public int passwordIterations() {
        return passwordIterations;
    }
}
