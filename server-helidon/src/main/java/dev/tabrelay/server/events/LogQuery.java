package dev.tabrelay.server.events;

import java.util.Set;
import java.util.function.Predicate;

/**
 * A filter over stored events; every null field matches everything.
 *
 * @param types  wire types (console-log, network-request, ...)
 * @param level  console level (log, info, warn, error, ...); events without a level never match a level filter
 * @param since  oldest event timestamp (epoch ms) to include
 * @param before only events with a sequence number below this (the cursor of the previous page)
 * @param extra  an additional predicate (BrowserTools' status splits), or null
 */
public record LogQuery(String tabId, String sessionId, Set<String> types, String level, Long since, Long before,
                       int limit, Predicate<StoredEvent> extra) {

    public static LogQuery all(int limit) {
        return new LogQuery(null, null, null, null, null, null, limit, null);
    }

    public LogQuery withTypes(Set<String> value) {
        return new LogQuery(tabId, sessionId, value, level, since, before, limit, extra);
    }

    public LogQuery withExtra(Predicate<StoredEvent> value) {
        return new LogQuery(tabId, sessionId, types, level, since, before, limit, value);
    }
}
