package dev.tabrelay.client.http;

import java.util.Map;

/** An entry of {@code GET /v1/admin/message-history}: what happened to a chat request, newest first. */
public record HistoryEntry(String timestamp, String type, String requestId, Map<String, Object> data) {
}
