package dev.tabrelay.server.events;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.security.Redactor;
import dev.tabrelay.server.tabs.TabRef;

/**
 * Where every tab event goes: into the tab's store, then to each subscribed MCP client. The frame is encoded
 * once; each subscriber's bounded queue absorbs (or drops) it, so a slow subscriber never blocks the
 * extension or the other subscribers.
 */
public final class EventHub {

    private final EventStore store;
    private final Subscriptions subscriptions;
    private final ConnectionRegistry registry;
    private final FrameCodec codec;
    private final Redactor redactor;

    public EventHub(EventStore store, Subscriptions subscriptions, ConnectionRegistry registry, FrameCodec codec,
                    Redactor redactor) {
        this.redactor = redactor;
        this.store = store;
        this.subscriptions = subscriptions;
        this.registry = registry;
        this.codec = codec;
    }

    /**
     * Stores and fans out an event whose metadata has already been stamped (sessionId, tabId, url, source).
     * This is the one ingest point of every event (extension sockets, legacy dialects, BrowserTools HTTP bodies):
     * secret headers are redacted here, before the store, the subscribers and anything after them see the event.
     */
    public StoredEvent publish(Message incoming) {
        Message event = redactor.redact(incoming);
        StoredEvent stored = store.add(new TabRef(event.metadata().sessionId(), event.metadata().tabId()), event);
        String text = null;
        for (Connection subscriber : registry.all()) {
            if (subscriber.kind().receivesEvents() && subscriptions.wants(subscriber.id(), event)) {
                if (text == null) {
                    text = codec.encode(event);
                }
                subscriber.sendEvent(text);
            }
        }
        return stored;
    }

    public EventStore store() {
        return store;
    }
}
