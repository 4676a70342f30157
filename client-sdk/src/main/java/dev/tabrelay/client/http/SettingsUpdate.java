package dev.tabrelay.client.http;

/**
 * A {@code POST /v1/admin/update-settings} body; null fields are left out (and so unchanged). TabRelay refuses
 * unknown keys with 400, so {@code autoKillPort} (Chat Relay only) must stay null against it.
 *
 * @param requestTimeoutMs   chat request timeout (TabRelay: 1..86400000, at once)
 * @param port               listening port (applies on restart)
 * @param newRequestBehavior {@code queue} or {@code drop}: what happens to a chat request while every tab is busy
 * @param maxQueueLength     TabRelay: 0..100000 waiting chat requests
 * @param historyLimit       TabRelay: 1..100000 message-history entries
 * @param recordMessageText  TabRelay: whether the history keeps prompt and answer text
 * @param autoKillPort       Chat Relay only
 */
public record SettingsUpdate(Long requestTimeoutMs, Integer port, String newRequestBehavior, Integer maxQueueLength,
                             Integer historyLimit, Boolean recordMessageText, Boolean autoKillPort) {

    public static SettingsUpdate none() {
        return new SettingsUpdate(null, null, null, null, null, null, null);
    }

    public SettingsUpdate withRequestTimeoutMs(long value) {
        return new SettingsUpdate(value, port, newRequestBehavior, maxQueueLength, historyLimit, recordMessageText, autoKillPort);
    }

    public SettingsUpdate withPort(int value) {
        return new SettingsUpdate(requestTimeoutMs, value, newRequestBehavior, maxQueueLength, historyLimit, recordMessageText, autoKillPort);
    }

    public SettingsUpdate withNewRequestBehavior(String value) {
        return new SettingsUpdate(requestTimeoutMs, port, value, maxQueueLength, historyLimit, recordMessageText, autoKillPort);
    }

    public SettingsUpdate withMaxQueueLength(int value) {
        return new SettingsUpdate(requestTimeoutMs, port, newRequestBehavior, value, historyLimit, recordMessageText, autoKillPort);
    }

    public SettingsUpdate withHistoryLimit(int value) {
        return new SettingsUpdate(requestTimeoutMs, port, newRequestBehavior, maxQueueLength, value, recordMessageText, autoKillPort);
    }

    public SettingsUpdate withRecordMessageText(boolean value) {
        return new SettingsUpdate(requestTimeoutMs, port, newRequestBehavior, maxQueueLength, historyLimit, value, autoKillPort);
    }
}
