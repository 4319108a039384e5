package dev.signin.web.session;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Set;

/**
 * The client's address: the connection's peer, or, when that peer is a trusted reverse proxy
 * (signin.trusted-proxies), the nearest address it forwarded in X-Forwarded-For that is not
 * itself a trusted proxy. An untrusted peer cannot choose its address with that header.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request, Set<String> trustedProxies) {
        return of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), trustedProxies);
    }

    static String of(String peer, String forwardedFor, Set<String> trustedProxies) {
        if (!trustedProxies.contains(peer) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 64 || !hop.matches("[0-9A-Fa-f:.]+") ? peer : hop;
            }
        }
        return peer;
    }
}
