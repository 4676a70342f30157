package dev.tabrelay.client.http;

import java.util.List;
import java.util.Optional;

/** One page of {@code GET /v1/logs}, newest first. */
public record LogPage(List<LogEntry> entries, boolean hasMore, String nextCursor) {

    public LogPage {
        entries = List.copyOf(entries);
    }

    /** The query for the next page, or empty on the last page. */
    public Optional<LogQuery> next(LogQuery query) {
        return hasMore && nextCursor != null ? Optional.of(query.withCursor(nextCursor)) : Optional.empty();
    }
}
