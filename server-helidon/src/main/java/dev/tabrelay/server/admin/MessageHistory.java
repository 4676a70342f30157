package dev.tabrelay.server.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/** A bounded ring of history entries, newest first; when full the oldest goes. Thread-safe. */
public final class MessageHistory {

    private final ArrayDeque<HistoryEntry> entries = new ArrayDeque<>();
    private int capacity;
    private long seq;

    public MessageHistory(int capacity) {
        this.capacity = requirePositive(capacity);
    }

    /** Adds an entry; {@code seq} is assigned here so it always grows in insertion order. */
    public synchronized HistoryEntry add(HistoryEntry entry) {
        HistoryEntry numbered = new HistoryEntry(++seq, entry.time(), entry.type(), entry.requestId(), entry.tabId(),
                entry.connectionId(), entry.model(), entry.status(), entry.durationMs(), entry.detail(),
                entry.prompt(), entry.answer());
        entries.addFirst(numbered);
        trim();
        return numbered;
    }

    /** At most {@code limit} entries that match, newest first. */
    public synchronized List<HistoryEntry> newest(int limit, Predicate<HistoryEntry> filter) {
        List<HistoryEntry> out = new ArrayList<>(Math.min(limit, entries.size()));
        for (Iterator<HistoryEntry> it = entries.iterator(); it.hasNext() && out.size() < limit; ) {
            HistoryEntry entry = it.next();
            if (filter.test(entry)) {
                out.add(entry);
            }
        }
        return out;
    }

    public List<HistoryEntry> newest(int limit) {
        return newest(limit, e -> true);
    }

    /** Shrinking drops the oldest entries at once. */
    public synchronized void resize(int newCapacity) {
        capacity = requirePositive(newCapacity);
        trim();
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized int capacity() {
        return capacity;
    }

    public synchronized void clear() {
        entries.clear();
    }

    private void trim() {
        while (entries.size() > capacity) {
            entries.removeLast();
        }
    }

    private static int requirePositive(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("the history limit must be at least 1, got " + value);
        }
        return value;
    }
}
