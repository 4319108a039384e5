package dev.signin.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who the app is to passkeys (WebAuthn): the relying party id, a host name such as
 * {@code signin.example.org} (never an IP address, never with a scheme or port), and the exact
 * origins ({@code https://signin.example.org}) pages that use passkeys are served from. A
 * browser's answer is accepted only if it names one of these origins and was made for this id,
 * so both come from configuration, never from the request's Host header.
 */
public record RelyingParty(String id, Set<String> origins) {

    public static final String DEFAULT_ID = "localhost";
    /** The dev run's addresses: ./mvnw -Prun, and -Drun.https=true. */
    public static final String DEFAULT_ORIGINS = "http://localhost:8080,https://localhost:8443";

    public RelyingParty {
        origins = Set.copyOf(origins);
    }

    /**
     * Reads signin.webauthn.rp-id and the comma-separated signin.webauthn.origins; each origin must
     * be https (or http on localhost, a secure context for browsers), with no path, on the id's host
     * or a subdomain of it.
     */
    public static RelyingParty parse(String id, String origins) {
        String rpId = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        if (!rpId.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*") || rpId.matches("[0-9.]+")) {
            throw new ConfigurationException("signin.webauthn.rp-id must be a host name such as signin.example.org "
                    + "(no scheme, port or IP address), not '" + id + "'");
        }
        Set<String> parsed = new LinkedHashSet<>();
        for (String origin : Arrays.stream((origins == null ? "" : origins).split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList()) {
            parsed.add(origin(rpId, origin));
        }
        if (parsed.isEmpty()) {
            throw new ConfigurationException("signin.webauthn.origins must name at least one origin, such as https://" + rpId);
        }
        return new RelyingParty(rpId, parsed);
    }

    private static String origin(String rpId, String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new ConfigurationException("signin.webauthn.origins: '" + origin + "' is not an origin such as https://" + rpId);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean bare = uri.getRawPath() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!bare || !(scheme.equals("https") || scheme.equals("http") && host.equals("localhost"))) {
            throw new ConfigurationException("signin.webauthn.origins: '" + origin + "' must be https://host[:port] "
                    + "(http only for localhost), without a path");
        }
        if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
            throw new ConfigurationException("signin.webauthn.origins: the host of '" + origin + "' is not "
                    + rpId + " (signin.webauthn.rp-id) or a subdomain of it");
        }
        return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
