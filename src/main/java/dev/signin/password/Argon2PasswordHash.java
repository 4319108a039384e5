package dev.signin.password;

import dev.signin.config.Settings;
import jakarta.security.enterprise.identitystore.PasswordHash;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), behind Jakarta Security's
 * {@link PasswordHash} interface.
 *
 * <p>The parameters travel inside every hash, so they can be raised later: {@link #needsUpgrade}
 * tells when a stored hash was made with weaker ones than this instance uses.
 */
public class Argon2PasswordHash implements PasswordHash {

    /** OWASP Password Storage Cheat Sheet minimum for Argon2id: m=19 MiB, t=2, p=1. */
    public static final Cost OWASP_MINIMUM = new Cost(Settings.MIN_PASSWORD_MEMORY_KIB, Settings.MIN_PASSWORD_ITERATIONS, 1);

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    /** Argon2 cost parameters: memory in KiB, iterations, lanes. */
    public record Cost(int memoryKib, int iterations, int parallelism) {
        public boolean weakerThan(Cost other) {
            return memoryKib < other.memoryKib || iterations < other.iterations || parallelism < other.parallelism;
        }
    }

    /** How long a hash may wait for its turn before the request is turned away. */
    static final Duration MAX_WAIT = Duration.ofMillis(500);

    private final SecureRandom random = new SecureRandom();
    private final Cost cost;
    // Hashing is slow on purpose (19 MiB and two passes each): a flood of sign-ins must not
    // take every thread and all the memory, so only a few run at once and the rest are refused.
    private final Semaphore slots;
    private final Consumer<Duration> observer;

    public Argon2PasswordHash() {
        this(OWASP_MINIMUM, Runtime.getRuntime().availableProcessors());
    }

    public Argon2PasswordHash(Cost cost) {
        this(cost, Runtime.getRuntime().availableProcessors());
    }

    public Argon2PasswordHash(Cost cost, int concurrentHashes) {
        this(cost, concurrentHashes, took -> { });
    }

    /** With an observer of how long each hash took (the metrics). */
    public Argon2PasswordHash(Cost cost, int concurrentHashes, Consumer<Duration> observer) {
        this.cost = cost;
        this.slots = new Semaphore(concurrentHashes, true);
        this.observer = observer;
    }

    public Cost cost() {
        return cost;
    }

    @Override
    public String generate(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKib + ",t=" + cost.iterations + ",p=" + cost.parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    @Override
    public boolean verify(char[] password, String hashedPassword) {
        Optional<Parsed> parsed = parse(hashedPassword);
        if (parsed.isEmpty()) {
            return false;
        }
        Parsed p = parsed.get();
        byte[] actual = derive(password, p.salt, p.cost, p.hash.length);
        return MessageDigest.isEqual(actual, p.hash);
    }

    /** True when the stored hash is unreadable or was made with weaker parameters than ours. */
    public boolean needsUpgrade(String hashedPassword) {
        return parse(hashedPassword).map(p -> p.cost.weakerThan(cost)).orElse(true);
    }

    /** The parameters stored in a hash, if it is an Argon2id hash this class can read. */
    public static Optional<Cost> costOf(String hashedPassword) {
        return parse(hashedPassword).map(p -> p.cost);
    }

    private record Parsed(Cost cost, byte[] salt, byte[] hash) {
    }

    private static Optional<Parsed> parse(String phc) {
        if (phc == null) {
            return Optional.empty();
        }
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Cost cost = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (cost.parallelism < 1 || cost.iterations < 1 || cost.memoryKib < 8 * cost.parallelism) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(cost, B64D.decode(m.group(4)), B64D.decode(m.group(5))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Too many hashes are running: the caller should answer 503 and let the client retry. */
    public static class BusyException extends RuntimeException {
        public BusyException() {
            super("Too many password hashes in progress");
        }
    }

    private byte[] derive(char[] password, byte[] salt, Cost cost, int length) {
        try {
            if (!slots.tryAcquire(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException();
        }
        long started = System.nanoTime();
        try {
            return argon2(password, salt, cost, length);
        } finally {
            slots.release();
            observer.accept(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static byte[] argon2(char[] password, byte[] salt, Cost cost, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib)
                .withIterations(cost.iterations)
                .withParallelism(cost.parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] utf8 = toUtf8(password);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(utf8, out);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
        return out;
    }

    private static byte[] toUtf8(char[] password) {
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }
}
