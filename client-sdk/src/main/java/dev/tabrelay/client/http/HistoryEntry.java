package dev.tabrelay.client.http;

import java.util.Map;

/**
 * An entry of {@code GET /v1/admin/message-history}, newest first. TabRelay fills {@code seq} … {@code answer}
 * ({@code prompt}/{@code answer} only while {@code recordMessageText} is on); Chat Relay fills {@code timestamp},
 * {@code type}, {@code requestId} and {@code data}. Fields a server does not report are null.
 *
 * @param time       epoch milliseconds
 * @param status     the HTTP status the client got (terminal entries)
 * @param durationMs from arrival to the outcome (terminal entries)
 * @param detail     e.g. {@code code: message} of a {@code CHAT_REQUEST_ERROR}
 */
public record HistoryEntry(Long seq, Long time, String type, String requestId, String tabId, String connectionId,
                           String model, Integer status, Long durationMs, String detail, String prompt,
                           String answer, String timestamp, Map<String, Object> data) {
}
