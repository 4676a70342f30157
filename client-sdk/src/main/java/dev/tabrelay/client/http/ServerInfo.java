package dev.tabrelay.client.http;

/** {@code GET /v1/admin/server-info} (Chat Relay shape). Fields a server does not report are null. */
public record ServerInfo(Integer port, Long requestTimeoutMs, String newRequestBehavior, Long pingIntervalMs,
                         Integer connectedExtensionsCount, Long uptimeSeconds) {
}
