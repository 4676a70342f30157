package dev.tabrelay.server.events;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.server.tabs.TabRef;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounded per-tab event history. Each tab keeps its newest {@code perTabLimit} events (oldest evicted first,
 * unlike BrowserTools, which kept the oldest); at most {@code maxTabs} tabs are kept, least recently written
 * evicted first. One lock: writes are short and queries copy out.
 */
public final class EventStore {

    private final int perTabLimit;
    private final int maxTabs;
    private final Map<TabRef, ArrayDeque<StoredEvent>> tabs = new LinkedHashMap<>(16, 0.75f, true);
    private long nextSeq = 1;

    public EventStore(int perTabLimit, int maxTabs) {
        if (perTabLimit < 1 || maxTabs < 1) {
            throw new IllegalArgumentException("limits must be positive: " + perTabLimit + ", " + maxTabs);
        }
        this.perTabLimit = perTabLimit;
        this.maxTabs = maxTabs;
    }

    public synchronized StoredEvent add(TabRef tab, Message message) {
        ArrayDeque<StoredEvent> events = tabs.get(tab);
        if (events == null) {
            if (tabs.size() >= maxTabs) {
                Iterator<TabRef> eldest = tabs.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            events = new ArrayDeque<>();
            tabs.put(tab, events);
        }
        StoredEvent stored = new StoredEvent(nextSeq++, tab, message);
        events.addLast(stored);
        if (events.size() > perTabLimit) {
            events.removeFirst();
        }
        return stored;
    }

    /** Newest first; a page never holds more than {@code query.limit()} events. */
    public EventPage query(LogQuery query) {
        List<StoredEvent> matches = new ArrayList<>();
        synchronized (this) {
            for (ArrayDeque<StoredEvent> events : tabs.values()) {
                for (Iterator<StoredEvent> it = events.descendingIterator(); it.hasNext(); ) {
                    StoredEvent event = it.next();
                    if (matches(query, event)) {
                        matches.add(event);
                    }
                }
            }
        }
        matches.sort(Comparator.comparingLong(StoredEvent::seq).reversed());
        int limit = Math.max(0, query.limit());
        if (matches.size() <= limit) {
            return new EventPage(List.copyOf(matches), null);
        }
        List<StoredEvent> page = List.copyOf(matches.subList(0, limit));
        return new EventPage(page, page.isEmpty() ? null : page.get(page.size() - 1).seq());
    }

    private static boolean matches(LogQuery q, StoredEvent event) {
        Message m = event.message();
        if (q.before() != null && event.seq() >= q.before()) {
            return false;
        }
        if (q.tabId() != null && !q.tabId().equals(event.tab().tabId())) {
            return false;
        }
        if (q.sessionId() != null && !q.sessionId().equals(event.tab().sessionId())) {
            return false;
        }
        if (q.types() != null && !q.types().isEmpty() && !q.types().contains(m.type())) {
            return false;
        }
        if (q.since() != null && m.timestamp() < q.since()) {
            return false;
        }
        if (q.level() != null && !q.level().equalsIgnoreCase(levelOf(m))) {
            return false;
        }
        return q.extra() == null || q.extra().test(event);
    }

    static String levelOf(Message message) {
        if (message.data() instanceof ConsoleLog log) {
            return log.level();
        }
        if (message.data() instanceof ConsoleError error) {
            return error.level();
        }
        return null;
    }

    /** Clears one tab id (in every session) or, with null, everything; returns how many events went. */
    public synchronized int clear(String tabId) {
        int removed = 0;
        for (Iterator<Map.Entry<TabRef, ArrayDeque<StoredEvent>>> it = tabs.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TabRef, ArrayDeque<StoredEvent>> entry = it.next();
            if (tabId == null || tabId.equals(entry.getKey().tabId())) {
                removed += entry.getValue().size();
                it.remove();
            }
        }
        return removed;
    }

    /** Clears one tab (or, with a null tab, every tab) of one session only; returns how many events went. */
    public synchronized int clear(String sessionId, String tabId) {
        int removed = 0;
        for (Iterator<Map.Entry<TabRef, ArrayDeque<StoredEvent>>> it = tabs.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TabRef, ArrayDeque<StoredEvent>> entry = it.next();
            TabRef ref = entry.getKey();
            if (sessionId.equals(ref.sessionId()) && (tabId == null || tabId.equals(ref.tabId()))) {
                removed += entry.getValue().size();
                it.remove();
            }
        }
        return removed;
    }

    public synchronized int size() {
        return tabs.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    public int perTabLimit() {
        return perTabLimit;
    }
}
