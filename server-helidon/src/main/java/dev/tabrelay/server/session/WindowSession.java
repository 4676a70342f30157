package dev.tabrelay.server.session;

/**
 * A ConnectWindow session (seed 000): a tab pinned to this relay by {@code NewSession}.
 *
 * @param sessionId the extension connection that opened it (the relay session serving the tab)
 */
public record WindowSession(String tabId, String sessionId, Integer apiPort, Integer socketPort, long createdAt) {
}
