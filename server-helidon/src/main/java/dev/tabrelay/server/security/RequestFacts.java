package dev.tabrelay.server.security;

import java.net.InetAddress;

/**
 * What the policy looks at, taken from an HTTP request or a WebSocket upgrade (nulls for absent headers).
 *
 * @param path          the request path (rate-limit key for upgrades)
 * @param peer          the TCP peer; null when unknown (treated as remote)
 * @param host          the {@code Host} header
 * @param origin        the {@code Origin} header
 * @param authorization the {@code Authorization} header
 * @param queryToken    {@code ?token=} of a WebSocket upgrade (never read on plain HTTP)
 */
public record RequestFacts(String path, InetAddress peer, String host, String origin, String authorization,
                           String queryToken) {

    public boolean loopbackPeer() {
        return peer != null && peer.isLoopbackAddress();
    }

    /** The peer's address as a rate-limit key. */
    public String ip() {
        return peer == null ? "unknown" : peer.getHostAddress();
    }

    /** The token presented as {@code Authorization: Bearer}, else (upgrades) as {@code ?token=}; null when none. */
    public String presentedToken() {
        if (authorization != null) {
            String value = authorization.strip();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return value.substring(7).strip();
            }
        }
        return queryToken == null || queryToken.isBlank() ? null : queryToken.strip();
    }
}
