package dev.tabrelay.client.http;

import java.util.List;

/** One connected extension in {@code GET /v1/tabs}, with the tabs it serves. */
public record ExtensionSession(String sessionId, String clientType, String version, String dialect, String subprotocol,
                               List<String> capabilities, Long connectedAt, Long lastActivity, String defaultTabId,
                               Long droppedEvents, List<Tab> tabs) {

    /** A tab of the session. */
    public record Tab(String tabId, String url, String title, Long lastActivity) {
    }
}
