package dev.signin.serverlib;

import com.sun.enterprise.util.uuid.UuidGenerator;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Session ids of 128 random bits from {@link SecureRandom}, as 32 hex digits, for Payara's web
 * container. Payara's own are 28 hex digits of which the first 7 follow the clock and 7 more are
 * an identity hash: about 56 random bits, where OWASP ASVS 5.0 (7.2.3) asks for at least 128.
 *
 * <p>Payara takes the generator from the server's configuration (domain.xml
 * {@code manager-properties session-id-generator-classname}, set in
 * server-config/post-boot-commands.asadmin) and loads it from the server's class path, not the
 * WAR's: this class is built into its own jar, target/signin-server-lib.jar, that Payara Micro
 * adds with {@code --addLibs}. Payara uses it for sessions kept in memory (one node); replicated
 * sessions (a cluster) keep Payara's own ids.
 */
public class RandomSessionIds implements UuidGenerator {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    @Override
    public String generateUuid() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HEX.formatHex(id);
    }

    @Override
    public String generateUuid(Object session) {
        return generateUuid();
    }
}
