package dev.signin.web.session;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How many random bits a session id can hold at most, judged by its format (its alphabet and
 * length): OWASP ASVS 5.0 7.2.3 asks for at least 128. Payara's own ids are 28 hex digits, at
 * most 112 bits (and about 56 are random: 7 digits follow the clock, 7 more are an identity
 * hash); the app's are 32 hex digits from {@code SecureRandom}.
 */
public final class SessionIdStrength {

    public static final int REQUIRED_BITS = 128;

    private SessionIdStrength() {
    }

    /** The most bits the id's format can carry; 0 for a format not known here (not vouched for). */
    public static double maxBits(String id) {
        if (id == null || id.isEmpty()) {
            return 0;
        }
        if (id.matches("[0-9]+")) {
            return id.length() * Math.log(10) / Math.log(2);
        }
        if (id.matches("[0-9a-f]+") || id.matches("[0-9A-F]+")) {
            return id.length() * 4.0;
        }
        if (id.matches("[A-Za-z0-9_-]+") || id.matches("[A-Za-z0-9+/]+=*")) {
            return id.replace("=", "").length() * 6.0;
        }
        return 0;
    }

    public static boolean strong(String id) {
        return maxBits(id) >= REQUIRED_BITS;
    }

    /**
     * Whether ids the container made one after another look like a random generator's: each
     * strong by its format, all different, and no two with the same first quarter (Payara's own
     * start with digits of the clock).
     */
    public static boolean sampleLooksRandom(List<String> ids) {
        Set<String> seen = new HashSet<>();
        Set<String> starts = new HashSet<>();
        for (String id : ids) {
            if (!strong(id) || !seen.add(id) || !starts.add(id.substring(0, Math.max(4, id.length() / 4)))) {
                return false;
            }
        }
        return true;
    }
}
