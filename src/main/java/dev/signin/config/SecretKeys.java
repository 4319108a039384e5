package dev.signin.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The app's secret (Flask's {@code SECRET_KEY}): the current key signs, the current key and the
 * fallbacks verify, so that a key can be rotated without signing everyone out.
 *
 * <p>Production refuses to start without a secret of at least {@value #MIN_BYTES} bytes. The dev
 * run generates one (256 bits from {@link SecureRandom}) and keeps it in the data directory, so
 * remember-me cookies survive a restart there too.
 */
public final class SecretKeys {

    public static final int MIN_BYTES = 32;
    static final String GENERATED_FILE = "secret-key";

    private static final Logger LOG = Logger.getLogger(SecretKeys.class.getName());

    private final List<byte[]> keys;

    private SecretKeys(List<byte[]> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The key that signs. */
    public byte[] current() {
        return keys.get(0).clone();
    }

    /** Every key that may verify: the current one first, then the fallbacks in their order. */
    public List<byte[]> verifying() {
        return keys.stream().map(byte[]::clone).toList();
    }

    public static SecretKeys load(Mode mode, Optional<String> secret, List<String> fallbacks, Path dataDir) {
        List<byte[]> keys = new ArrayList<>();
        String configured = secret.map(String::trim).orElse("");
        if (!configured.isEmpty()) {
            keys.add(checked(configured, "signin.secret (SIGNIN_SECRET)"));
        } else if (mode == Mode.PRODUCTION) {
            throw new ConfigurationException("No secret configured: set SIGNIN_SECRET (signin.secret) to at least "
                    + MIN_BYTES + " random bytes, e.g. the output of 'openssl rand -base64 48'.");
        } else {
            keys.add(generatedDevSecret(dataDir));
        }
        for (String fallback : fallbacks) {
            if (!fallback.isBlank()) {
                keys.add(checked(fallback.trim(), "a fallback in signin.secret.fallbacks (SIGNIN_SECRET_FALLBACKS)"));
            }
        }
        return new SecretKeys(keys);
    }

    private static byte[] checked(String secret, String what) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new ConfigurationException(what + " is " + bytes.length + " bytes long; at least " + MIN_BYTES
                    + " are required (e.g. the output of 'openssl rand -base64 48').");
        }
        return bytes;
    }

    private static byte[] generatedDevSecret(Path dataDir) {
        Path file = dataDir.resolve(GENERATED_FILE);
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (stored.getBytes(StandardCharsets.UTF_8).length >= MIN_BYTES) {
                    LOG.warning("No SIGNIN_SECRET configured: using the dev secret kept in " + file.toAbsolutePath().normalize()
                            + ". Production needs SIGNIN_SECRET.");
                    return stored.getBytes(StandardCharsets.UTF_8);
                }
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            Files.writeString(file, encoded + "\n", StandardCharsets.UTF_8);
            restrictToOwner(file);
            LOG.warning("No SIGNIN_SECRET configured: generated a dev secret (256 bits) and kept it in "
                    + file.toAbsolutePath().normalize() + ". Production needs SIGNIN_SECRET.");
            return encoded.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot keep the generated dev secret in " + file.toAbsolutePath().normalize(), e);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.fine("Could not restrict permissions of " + file + ": " + e);
        }
    }
}
