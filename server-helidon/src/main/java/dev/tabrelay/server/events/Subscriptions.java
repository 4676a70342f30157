package dev.tabrelay.server.events;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.control.Subscribe;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each event client wants to receive. A client without an entry receives nothing (it unsubscribed). A
 * scoped client (a tunnel) receives only its session's events, whatever filter it asks for.
 */
public final class Subscriptions {

    private final Map<String, Subscribe> filters = new ConcurrentHashMap<>();
    private final Map<String, String> scopes = new ConcurrentHashMap<>();

    public void subscribe(String connectionId, Subscribe filter) {
        filters.put(connectionId, filter == null ? Subscribe.all() : filter);
    }

    public void unsubscribe(String connectionId) {
        filters.remove(connectionId);
    }

    /** Pins a client to one relay session for as long as it lives; set before it can subscribe. */
    public void restrict(String connectionId, String sessionId) {
        scopes.put(connectionId, sessionId);
    }

    /** The client is gone: drops its filter and its scope. */
    public void forget(String connectionId) {
        filters.remove(connectionId);
        scopes.remove(connectionId);
    }

    public Optional<Subscribe> of(String connectionId) {
        return Optional.ofNullable(filters.get(connectionId));
    }

    public boolean wants(String connectionId, Message event) {
        Subscribe filter = filters.get(connectionId);
        if (filter == null) {
            return false;
        }
        String scope = scopes.get(connectionId);
        return (scope == null || scope.equals(event.metadata().sessionId())) && matches(filter, event);
    }

    static boolean matches(Subscribe filter, Message event) {
        if (filter.types() != null && !filter.types().isEmpty() && !filter.types().contains(event.type())) {
            return false;
        }
        if (filter.tabId() != null && !filter.tabId().equals(event.metadata().tabId())) {
            return false;
        }
        return filter.sessionId() == null || filter.sessionId().equals(event.metadata().sessionId());
    }
}
