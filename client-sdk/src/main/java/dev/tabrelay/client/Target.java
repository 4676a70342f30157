package dev.tabrelay.client;

import dev.tabrelay.protocol.Metadata;

/**
 * Which tab a command is for: a tab id, a relay session (one extension connection), both, or neither (the
 * relay then picks the most recently active extension).
 */
public record Target(String tabId, String sessionId) {

    public static Target any() {
        return new Target(null, null);
    }

    public static Target tab(String tabId) {
        return new Target(tabId, null);
    }

    public static Target session(String sessionId) {
        return new Target(null, sessionId);
    }

    Metadata metadata() {
        return new Metadata(sessionId, null, null, tabId, null);
    }
}
