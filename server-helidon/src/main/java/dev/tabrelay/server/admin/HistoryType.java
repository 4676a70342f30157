package dev.tabrelay.server.admin;

/** What a history entry records (names follow the original Chat Relay's admin log where one existed). */
public enum HistoryType {
    CHAT_REQUEST_RECEIVED,
    CHAT_REQUEST_QUEUED,
    CHAT_REQUEST_PROCESSING,
    CHAT_REQUEST_COMPLETED,
    /** Refused with 429: every tab busy and drop, or the queue full. */
    CHAT_REQUEST_DROPPED,
    CHAT_REQUEST_TIMEOUT,
    /** The client went away before the answer. */
    CHAT_REQUEST_CANCELLED,
    CHAT_REQUEST_ERROR,
    EXTENSION_CONNECTED,
    EXTENSION_DISCONNECTED,
    SETTINGS_UPDATED,
    SERVER_RESTART
}
