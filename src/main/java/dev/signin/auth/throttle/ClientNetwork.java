package dev.signin.auth.throttle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The network a client address is counted under by the throttle. An IPv4 address is its own
 * network. An IPv6 address counts under its /64: that is the smallest block a provider gives one
 * customer (a home, a server), whose 2^64 addresses are all one client's to use. An IPv4-mapped
 * IPv6 address ({@code ::ffff:203.0.113.7}, as a dual-stack socket reports an IPv4 client) is its
 * IPv4 address. The results are canonical (lower case, no leading zeros), so one network has one
 * key however its address was written; what is not an IP literal is kept as it came.
 */
public final class ClientNetwork {

    private ClientNetwork() {
    }

    public static String of(String address) {
        String literal = address.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%'); // fe80::1%eth0: the zone names an interface here, not a network
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        Optional<int[]> ipv4 = ipv4(literal);
        if (ipv4.isPresent()) {
            return dotted(ipv4.get());
        }
        Optional<int[]> ipv6 = ipv6(literal);
        if (ipv6.isEmpty()) {
            return address;
        }
        int[] h = ipv6.get();
        if (h[0] == 0 && h[1] == 0 && h[2] == 0 && h[3] == 0 && h[4] == 0 && h[5] == 0xffff) {
            return dotted(new int[] {h[6] >> 8, h[6] & 0xff, h[7] >> 8, h[7] & 0xff});
        }
        return String.format("%x:%x:%x:%x::/64", h[0], h[1], h[2], h[3]);
    }

    private static String dotted(int[] octets) {
        return octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
    }

    /** Four decimal numbers of 0 to 255 (one to three digits each), or empty. */
    static Optional<int[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) {
                return Optional.empty();
            }
            octets[i] = Integer.parseInt(parts[i]);
            if (octets[i] > 255) {
                return Optional.empty();
            }
        }
        return Optional.of(octets);
    }

    /** The eight 16-bit groups of an IPv6 literal (with "::" and a dotted IPv4 tail allowed), or empty. */
    static Optional<int[]> ipv6(String text) {
        if (!text.contains(":")) {
            return Optional.empty();
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        Optional<List<Integer>> head = groups(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
        Optional<List<Integer>> tail = gap >= 0 ? groups(text.substring(gap + 2), true) : Optional.of(List.of());
        if (head.isEmpty() || tail.isEmpty()) {
            return Optional.empty();
        }
        int given = head.get().size() + tail.get().size();
        if (gap < 0 ? given != 8 : given > 7) {
            return Optional.empty();
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.get().size(); i++) {
            groups[i] = head.get().get(i);
        }
        for (int i = 0; i < tail.get().size(); i++) {
            groups[8 - tail.get().size() + i] = tail.get().get(i);
        }
        return Optional.of(groups);
    }

    /** Colon-separated groups of one to four hex digits; the last may be a dotted IPv4 address (two groups) if it ends the address. */
    private static Optional<List<Integer>> groups(String text, boolean endsTheAddress) {
        List<Integer> groups = new ArrayList<>();
        if (text.isEmpty()) {
            return Optional.of(groups);
        }
        String[] parts = text.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.matches("[0-9A-Fa-f]{1,4}")) {
                groups.add(Integer.parseInt(part, 16));
            } else if (endsTheAddress && i == parts.length - 1 && ipv4(part).isPresent()) {
                int[] octets = ipv4(part).get();
                groups.add(octets[0] << 8 | octets[1]);
                groups.add(octets[2] << 8 | octets[3]);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(groups);
    }
}
