package dev.tabrelay.client;

import dev.tabrelay.protocol.MessageType;
import dev.tabrelay.protocol.control.Subscribe;

import java.util.Arrays;
import java.util.List;

/**
 * Which events a subscriber receives: some types (empty = all), of one tab and/or one relay session (null =
 * any). Immutable; {@code with…} methods return a new filter.
 */
public record EventFilter(List<String> types, String tabId, String sessionId) {

    public EventFilter {
        types = types == null ? List.of() : List.copyOf(types);
    }

    /** Every event of every tab. */
    public static EventFilter all() {
        return new EventFilter(List.of(), null, null);
    }

    /** Only these wire types, e.g. {@code "console-error", "network-error"}. */
    public static EventFilter types(String... wireNames) {
        return new EventFilter(List.of(wireNames), null, null);
    }

    /** Only these types. */
    public static EventFilter of(MessageType... types) {
        return new EventFilter(Arrays.stream(types).map(MessageType::wireName).toList(), null, null);
    }

    public EventFilter withTabId(String value) {
        return new EventFilter(types, value, sessionId);
    }

    public EventFilter withSessionId(String value) {
        return new EventFilter(types, tabId, value);
    }

    Subscribe toSubscribe() {
        return new Subscribe(types.isEmpty() ? null : types, tabId, sessionId);
    }
}
