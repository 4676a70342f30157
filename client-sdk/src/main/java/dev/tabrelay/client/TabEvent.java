package dev.tabrelay.client;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.events.EventPayload;

/**
 * An event from a tab as a subscriber receives it: the typed payload and the frame, whose metadata the relay
 * stamped with the session, tab and page URL.
 */
public record TabEvent<T extends EventPayload>(T data, Message frame) {

    public String type() {
        return frame.type();
    }

    public String sessionId() {
        return frame.metadata().sessionId();
    }

    public String tabId() {
        return frame.metadata().tabId();
    }

    public String url() {
        return frame.metadata().url();
    }

    public long timestamp() {
        return frame.timestamp();
    }
}
