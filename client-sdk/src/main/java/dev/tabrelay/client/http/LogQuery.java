package dev.tabrelay.client.http;

import java.util.List;

/**
 * A {@code GET /v1/logs} query: every field optional (null = no filter). Newest first; pages of {@code limit}
 * (1..1000, default 100), continued with {@code cursor}. Immutable; {@code with…} returns a new query.
 */
public record LogQuery(String tabId, String sessionId, List<String> types, String level, Long since, Integer limit,
                       String cursor) {

    public LogQuery {
        types = types == null ? List.of() : List.copyOf(types);
    }

    public static LogQuery all() {
        return new LogQuery(null, null, List.of(), null, null, null, null);
    }

    public static LogQuery tab(String tabId) {
        return all().withTabId(tabId);
    }

    public LogQuery withTabId(String value) {
        return new LogQuery(value, sessionId, types, level, since, limit, cursor);
    }

    public LogQuery withSessionId(String value) {
        return new LogQuery(tabId, value, types, level, since, limit, cursor);
    }

    public LogQuery withTypes(String... values) {
        return new LogQuery(tabId, sessionId, List.of(values), level, since, limit, cursor);
    }

    public LogQuery withLevel(String value) {
        return new LogQuery(tabId, sessionId, types, value, since, limit, cursor);
    }

    public LogQuery withSince(long epochMillis) {
        return new LogQuery(tabId, sessionId, types, level, epochMillis, limit, cursor);
    }

    public LogQuery withLimit(int value) {
        return new LogQuery(tabId, sessionId, types, level, since, value, cursor);
    }

    public LogQuery withCursor(String value) {
        return new LogQuery(tabId, sessionId, types, level, since, limit, value);
    }
}
