package dev.tabrelay.server.chat;

import java.util.Locale;

/** What happens to a request when every suitable tab is busy. */
public enum NewRequestBehavior {
    /** Wait in a bounded FIFO queue (429 when it is full). */
    QUEUE,
    /** Refuse at once with 429. */
    DROP;

    public static NewRequestBehavior parse(String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "queue" -> QUEUE;
            case "drop" -> DROP;
            default -> throw new IllegalArgumentException("new-request-behavior must be 'queue' or 'drop', got '" + value + "'");
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
