package dev.tabrelay.server.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The ConnectWindow sessions, one per tab. Tabs themselves live in the tab directory; this adds what seed 000
 * pins on a tab (the ports) and asks the chat router whether the tab is busy, so polling, the chat API and
 * {@code GET /v1/sessions} all see one state. A session ends by {@code Disconnect} or when the extension
 * connection that opened it goes away.
 */
public final class SessionRegistry {

    private final Map<String, WindowSession> byTab = new ConcurrentHashMap<>();
    private final Predicate<String> busy;

    /** @param busy whether a chat request is running on a tab */
    public SessionRegistry(Predicate<String> busy) {
        this.busy = busy;
    }

    /** Creates or replaces the session of a tab. */
    public WindowSession open(WindowSession session) {
        byTab.put(session.tabId(), session);
        return session;
    }

    public Optional<WindowSession> get(String tabId) {
        return Optional.ofNullable(tabId == null ? null : byTab.get(tabId));
    }

    public Optional<WindowSession> close(String tabId) {
        return Optional.ofNullable(tabId == null ? null : byTab.remove(tabId));
    }

    /** Drops the sessions an extension connection opened (it disconnected). */
    public void connectionClosed(String connectionId) {
        byTab.values().removeIf(s -> connectionId.equals(s.sessionId()));
    }

    public boolean busy(String tabId) {
        return tabId != null && busy.test(tabId);
    }

    public List<WindowSession> all() {
        List<WindowSession> list = new ArrayList<>(byTab.values());
        list.sort(Comparator.comparingLong(WindowSession::createdAt).thenComparing(WindowSession::tabId));
        return list;
    }
}
