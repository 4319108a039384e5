import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Argon2id at signin's parameters (m=19456 KiB, t=2, p=1, 32 bytes) with Bouncy Castle and with
 * password4j, alternating, in one JVM: median milliseconds per hash of each, and whether both
 * derive the same bytes. Run by bench/run; alone:
 *   java -cp bcprov.jar:password4j.jar:slf4j-api.jar bench/HashCompare.java [rounds]
 */
public class HashCompare {

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        Argon2Function p4j = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID, 19);
        for (int i = 0; i < 30; i++) { // warm-up: both are plain Java, and the JIT needs a while
            bc(password, salt);
            p4j(p4j, password, salt);
        }
        long[] bcTimes = new long[rounds];
        long[] p4jTimes = new long[rounds];
        boolean same = true;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            byte[] a = bc(password, salt);
            long t1 = System.nanoTime();
            byte[] b = p4j(p4j, password, salt);
            long t2 = System.nanoTime();
            bcTimes[i] = t1 - t0;
            p4jTimes[i] = t2 - t1;
            same &= Arrays.equals(a, b);
        }
        Arrays.sort(bcTimes);
        Arrays.sort(p4jTimes);
        double bcMs = bcTimes[rounds / 2] / 1e6;
        double p4jMs = p4jTimes[rounds / 2] / 1e6;
        System.out.printf("HASHCOMPARE bc_ms=%.1f password4j_ms=%.1f ratio=%.2f same_bytes=%s rounds=%d%n",
                bcMs, p4jMs, p4jMs / bcMs, same, rounds);
    }

    static byte[] bc(byte[] password, byte[] salt) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19456).withIterations(2).withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes(password, out);
        return out;
    }

    static byte[] p4j(Argon2Function function, byte[] password, byte[] salt) {
        String encoded = function.hash(password, salt).getResult();
        String[] parts = encoded.split("\\$");
        return Base64.getDecoder().decode(parts[parts.length - 1]);
    }
}
