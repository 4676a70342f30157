package dev.tabrelay.server.security;

/**
 * What a request or upgrade is for; {@link AccessPolicy} decides per kind which origins are accepted and whether
 * the pairing token is needed. The table is in docs/security.md.
 */
public enum EndpointKind {
    /** {@code /extension-ws}, {@code /extension} and the legacy extension sockets: may authenticate in connection-init. */
    EXTENSION_SOCKET(true),
    /** {@code /mcp-ws}. */
    MCP_SOCKET(true),
    /** {@code /ops}, {@code /annotation}: the token is required even from local tools (on the upgrade or in connection-init). */
    OPS_SOCKET(true),
    /** {@code /tunnel/{sessionId}}: Host and Origin only here; the tunnel checks its own JWT. */
    TUNNEL_SOCKET(true),
    /** {@code /v1/*}, the BrowserTools routes, chat. */
    HTTP_API(false),
    /** {@code /v1/admin/*} and the {@code /admin} page. */
    ADMIN(false),
    /** {@code GET /config}, {@code GET /status}: token-free facts, rate limited. */
    DISCOVERY(false),
    /** {@code GET /pair}: the token itself, only for configured extension ids. Rate limited. */
    PAIR(false),
    /** {@code /health}: Host-checked, no token (Docker HEALTHCHECK). */
    HEALTH(false);

    private final boolean socket;

    EndpointKind(boolean socket) {
        this.socket = socket;
    }

    public boolean isSocket() {
        return socket;
    }

    /** The kind of an HTTP path (every listener uses the same mapping). */
    public static EndpointKind ofHttpPath(String path) {
        return switch (path) {
            case "/health" -> HEALTH;
            case "/config", "/status" -> DISCOVERY;
            case "/pair" -> PAIR;
            default -> path.equals("/admin") || path.startsWith("/admin/") || path.startsWith("/v1/admin/")
                    ? ADMIN : HTTP_API;
        };
    }
}
