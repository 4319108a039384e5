package dev.signin.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How the app sends mail (signin.mail.*, signin.base-url). With an SMTP host mail goes there;
 * without one it is off in production (the recovery links are hidden) and goes to .eml files
 * under the data directory in dev mode. Every link in a mail starts with the base URL, never
 * with the Host header of the request that caused it.
 */
public record MailSettings(Optional<Smtp> smtp, boolean toFiles, String baseUrl, String from,
                           Duration resetLifetime, Duration verifyLifetime, Duration poll, Duration firstRetry) {

    /** The SMTP server and how to reach it. */
    public record Smtp(String host, int port, Tls tls, Optional<String> username, Optional<String> password) {
    }

    /** none: plain SMTP; starttls: upgraded, and required; tls: TLS from the first byte (SMTPS). */
    public enum Tls {
        NONE, STARTTLS, TLS;

        static Tls parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "starttls" -> STARTTLS;
                case "tls" -> TLS;
                default -> throw new ConfigurationException(
                        "signin.mail.tls (SIGNIN_MAIL_TLS) must be 'none', 'starttls' or 'tls', not '" + value + "'");
            };
        }

        int defaultPort() {
            return switch (this) {
                case NONE -> 25;
                case STARTTLS -> 587;
                case TLS -> 465;
            };
        }
    }

    /** Mail is sent (to a server or, in dev mode, to files): the recovery pages are offered. */
    public boolean enabled() {
        return smtp.isPresent() || toFiles;
    }

    /** An absolute link to an app path, from the base URL. */
    public String link(String appPath) {
        return baseUrl + appPath;
    }

    /** What the raw settings say; throws {@link ConfigurationException} on anything unusable. */
    static MailSettings parse(Mode mode, Optional<String> host, Optional<Integer> port, String tls, Optional<String> username,
                              Optional<String> password, Optional<String> from, Optional<String> baseUrl,
                              int resetMinutes, int verifyHours, int pollSeconds, int retrySeconds) {
        Optional<String> smtpHost = host.map(String::strip).filter(h -> !h.isEmpty());
        Tls security = Tls.parse(tls);
        if (port.isPresent() && (port.get() < 1 || port.get() > 65535)) {
            throw new ConfigurationException("signin.mail.port must be between 1 and 65535");
        }
        if (resetMinutes < 1 || resetMinutes > 24 * 60) {
            throw new ConfigurationException("signin.mail.reset-minutes must be between 1 and 1440");
        }
        if (verifyHours < 1 || verifyHours > 24 * 14) {
            throw new ConfigurationException("signin.mail.verify-hours must be between 1 and 336");
        }
        if (pollSeconds < 1 || retrySeconds < 1) {
            throw new ConfigurationException("signin.mail.poll-seconds and signin.mail.retry-seconds must be at least 1");
        }
        Optional<Smtp> smtp = smtpHost.map(h -> new Smtp(h, port.orElse(security.defaultPort()), security,
                username.filter(u -> !u.isBlank()), password.filter(p -> !p.isEmpty())));
        boolean toFiles = smtp.isEmpty() && mode == Mode.DEV;
        Optional<String> base = baseUrl.map(String::strip).filter(b -> !b.isEmpty());
        if (smtp.isPresent() && mode == Mode.PRODUCTION && base.isEmpty()) {
            throw new ConfigurationException("signin.base-url (SIGNIN_BASE_URL) is required when mail is configured "
                    + "(signin.mail.host): every link in a mail is built from it, never from a request's Host header");
        }
        String checkedBase = checkedBaseUrl(base.orElse("http://localhost:8080"));
        String sender = from.map(String::strip).filter(f -> !f.isEmpty()).orElse("signin@localhost");
        if (sender.contains("\r") || sender.contains("\n")) {
            throw new ConfigurationException("signin.mail.from must be one line");
        }
        return new MailSettings(smtp, toFiles, checkedBase, sender, Duration.ofMinutes(resetMinutes),
                Duration.ofHours(verifyHours), Duration.ofSeconds(pollSeconds), Duration.ofSeconds(retrySeconds));
    }

    private static String checkedBaseUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new ConfigurationException("signin.base-url must be an absolute http(s) URL without query, e.g. "
                        + "https://signin.example.org, not '" + value + "'");
            }
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        } catch (URISyntaxException e) {
            throw new ConfigurationException("signin.base-url is not a URL: '" + value + "'");
        }
    }
}
