package dev.tabrelay.client.http;

/**
 * {@code GET /v1/admin/server-info}: TabRelay's fields (a superset of Chat Relay's; {@code pingIntervalMs} is
 * Chat Relay only). Fields a server does not report are null.
 *
 * @param port           the listening port
 * @param configuredPort the {@code port} setting (differs from {@code port} until a restart)
 */
public record ServerInfo(String version, String host, Integer port, Integer configuredPort, Boolean restartRequired,
                         Long requestTimeoutMs, String newRequestBehavior, Integer maxQueueLength,
                         Integer historyLimit, Boolean recordMessageText, String settingsFile,
                         Integer connectedExtensionsCount, Integer tabsCount, Integer queueLength,
                         Integer activeRequests, Integer historySize, Long startedAt, Long uptimeMs,
                         Long uptimeSeconds, Long pingIntervalMs) {
}
