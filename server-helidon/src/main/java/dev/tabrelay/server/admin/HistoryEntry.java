package dev.tabrelay.server.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the message history. Never holds secrets: no headers, tokens or keys are recorded; prompt and
 * answer text only when {@link AdminSettings#recordMessageText()} was on when the entry was made.
 *
 * @param seq        increasing number, unique within the process
 * @param time       epoch milliseconds
 * @param status     the HTTP status the client got (terminal entries only)
 * @param durationMs from arrival to the outcome (terminal entries only)
 */
public record HistoryEntry(long seq, long time, HistoryType type, String requestId, String tabId,
                           String connectionId, String model, Integer status, Long durationMs, String detail,
                           String prompt, String answer) {

    /** The API shape; {@code prompt}/{@code answer} appear only when recorded. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("seq", seq);
        map.put("time", time);
        map.put("type", type.name());
        map.put("requestId", requestId);
        map.put("tabId", tabId);
        map.put("connectionId", connectionId);
        map.put("model", model);
        map.put("status", status);
        map.put("durationMs", durationMs);
        map.put("detail", detail);
        if (prompt != null) {
            map.put("prompt", prompt);
        }
        if (answer != null) {
            map.put("answer", answer);
        }
        return map;
    }
}
