package dev.tabrelay.server.tabs;

import dev.tabrelay.protocol.control.Capabilities;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.ModelInfo;
import dev.tabrelay.protocol.control.TabInfo;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.RequestFailure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one session/tab model: which extension sessions are connected and which tabs each serves (with the last
 * known URL). Commands for a tab are routed through it; event metadata is stamped from it.
 */
public final class TabDirectory {

    /** A tab's last known facts. */
    public record Tab(String tabId, String url, String title, long lastActivity) {
    }

    /** An extension session and its tabs, as reported by {@code GET /v1/tabs}. */
    public record Session(String sessionId, String clientType, String version, String dialect, String subprotocol,
                          List<String> capabilities, long connectedAt, long lastActivity, String defaultTabId,
                          List<Tab> tabs, long droppedEvents) {
    }

    /**
     * What one extension connection offers right now: its capabilities and chat models (from connection-init,
     * replaced by later capabilities frames) and the ids of the tabs it serves.
     */
    public record Offer(Connection connection, List<String> capabilities, List<ModelInfo> models, List<String> tabIds) {
    }

    private static final class Entry {
        final Connection connection;
        volatile ConnectionInit init;
        volatile List<String> capabilities = List.of();
        volatile List<ModelInfo> models = List.of();
        volatile String defaultTabId;
        volatile long lastActivity;
        final Map<String, Tab> tabs = new LinkedHashMap<>();

        Entry(Connection connection, long now) {
            this.connection = connection;
            this.lastActivity = now;
        }
    }

    /** {@link #offers()} as computed when {@link #version} had this value. */
    private record Snapshot(long version, List<Offer> offers) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    /**
     * Bumped after every change to what is offered (connects, capabilities, tab lists; rare), so {@link #offers()},
     * which runs on every chat request, copies and sorts only when something changed.
     */
    private final AtomicLong version = new AtomicLong();
    private volatile Snapshot offers = new Snapshot(-1, List.of());

    public TabDirectory(Clock clock) {
        this.clock = clock;
    }

    public void add(Connection extension) {
        sessions.put(extension.id(), new Entry(extension, clock.millis()));
        version.incrementAndGet();
    }

    public void remove(Connection extension) {
        sessions.remove(extension.id());
        version.incrementAndGet();
    }

    /** Records what the extension said in connection-init (its default tab and any tab list). */
    public void init(Connection extension, ConnectionInit init) {
        Entry entry = sessions.get(extension.id());
        if (entry == null) {
            return;
        }
        entry.init = init;
        entry.capabilities = init.capabilities() == null ? List.of() : List.copyOf(init.capabilities());
        entry.models = init.models() == null ? List.of() : List.copyOf(init.models());
        if (init.tabId() != null) {
            entry.defaultTabId = init.tabId();
            touch(extension.id(), init.tabId(), null, null);
        }
        if (init.tabs() != null) {
            for (TabInfo tab : init.tabs()) {
                touch(extension.id(), tab.tabId(), tab.url(), tab.title());
            }
        }
        version.incrementAndGet();
    }

    /** Replaces the tab list (capabilities frame): closed tabs disappear. */
    public void replaceTabs(String sessionId, List<TabInfo> tabs) {
        Entry entry = sessions.get(sessionId);
        if (entry == null || tabs == null) {
            return;
        }
        synchronized (entry) {
            Map<String, Tab> old = new LinkedHashMap<>(entry.tabs);
            entry.tabs.clear();
            for (TabInfo info : tabs) {
                Tab previous = old.get(info.tabId());
                entry.tabs.put(info.tabId(), new Tab(info.tabId(),
                        info.url() != null ? info.url() : previous == null ? null : previous.url(),
                        info.title() != null ? info.title() : previous == null ? null : previous.title(),
                        clock.millis()));
            }
        }
        version.incrementAndGet();
    }

    /** A capabilities frame: replaces the tab list, and the capability and model lists it carries. */
    public void update(String sessionId, Capabilities update) {
        Entry entry = sessions.get(sessionId);
        if (entry == null) {
            return;
        }
        if (update.capabilities() != null) {
            entry.capabilities = List.copyOf(update.capabilities());
        }
        if (update.models() != null) {
            entry.models = List.copyOf(update.models());
        }
        replaceTabs(sessionId, update.tabs());
        version.incrementAndGet();
    }

    /** Forgets one tab of a session (its ConnectWindow session was disconnected). */
    public void removeTab(String sessionId, String tabId) {
        Entry entry = sessions.get(sessionId);
        if (entry == null || tabId == null) {
            return;
        }
        synchronized (entry) {
            entry.tabs.remove(tabId);
            if (tabId.equals(entry.defaultTabId)) {
                entry.defaultTabId = null;
            }
        }
        version.incrementAndGet();
    }

    /**
     * What every connected extension offers (for chat routing and {@code /v1/models}), in connection order. The
     * list is shared until the next change: the version is read first, so a change racing the copy leaves a
     * snapshot that is already stale and is recomputed on the next call.
     */
    public List<Offer> offers() {
        long now = version.get();
        Snapshot cached = offers;
        if (cached.version() == now) {
            return cached.offers();
        }
        List<Offer> fresh = computeOffers();
        offers = new Snapshot(now, fresh);
        return fresh;
    }

    private List<Offer> computeOffers() {
        List<Offer> result = new ArrayList<>();
        for (Entry entry : sessions.values()) {
            List<String> tabIds;
            synchronized (entry) {
                tabIds = new ArrayList<>(entry.tabs.keySet());
                if (entry.defaultTabId != null && !tabIds.contains(entry.defaultTabId)) {
                    tabIds.add(0, entry.defaultTabId);
                }
            }
            result.add(new Offer(entry.connection, entry.capabilities, entry.models, List.copyOf(tabIds)));
        }
        result.sort(Comparator.comparingLong(o -> o.connection().openedAt()));
        return List.copyOf(result);
    }

    /** The extension connections that serve a tab. */
    public List<Connection> serving(String tabId) {
        return sessions.values().stream().filter(e -> tabId != null && hasTab(e, tabId)).map(e -> e.connection).toList();
    }

    /** Whether an extension session with this id is connected. */
    public boolean has(String sessionId) {
        return sessionId != null && sessions.containsKey(sessionId);
    }

    /** Whether the session serves the tab (listed, or its default tab). */
    public boolean serves(String sessionId, String tabId) {
        Entry entry = sessionId == null ? null : sessions.get(sessionId);
        return entry != null && tabId != null && hasTab(entry, tabId);
    }

    /** The tab an event without a tab id belongs to: the one named in connection-init, if any. */
    public String defaultTab(String sessionId) {
        Entry entry = sessions.get(sessionId);
        return entry == null ? null : entry.defaultTabId;
    }

    public void setDefaultTab(String sessionId, String tabId) {
        Entry entry = sessions.get(sessionId);
        if (entry != null && tabId != null) {
            entry.defaultTabId = tabId;
            version.incrementAndGet();
        }
    }

    /** Notes activity on a tab, creating it if new; null url/title keep the known values. */
    public Tab touch(String sessionId, String tabId, String url, String title) {
        Entry entry = sessions.get(sessionId);
        long now = clock.millis();
        if (entry == null || tabId == null) {
            return new Tab(tabId, url, title, now);
        }
        entry.lastActivity = now;
        synchronized (entry) {
            Tab old = entry.tabs.get(tabId);
            Tab tab = new Tab(tabId, url != null ? url : old == null ? null : old.url(),
                    title != null ? title : old == null ? null : old.title(), now);
            entry.tabs.put(tabId, tab);
            if (old == null) {
                version.incrementAndGet(); // a new tab; URL and title changes are not part of the offers
            }
            return tab;
        }
    }

    public Optional<Tab> tab(String sessionId, String tabId) {
        Entry entry = sessions.get(sessionId);
        if (entry == null || tabId == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            return Optional.ofNullable(entry.tabs.get(tabId));
        }
    }

    /**
     * The extension that should receive a command: the named session; else the most recently active session
     * serving the tab; else, with no tab named, the most recently active session.
     */
    public Connection route(String tabId, String sessionId) {
        // A terminated extension stays listed until its close listeners reach this directory; it must not be
        // routed to meanwhile (a command sent there would only fail as disconnected).
        if (sessionId != null) {
            Entry entry = sessions.get(sessionId);
            if (entry == null || !entry.connection.isOpen()) {
                throw new RequestFailure(RequestFailure.NO_TARGET, "no extension session " + sessionId + " is connected");
            }
            return entry.connection;
        }
        Comparator<Entry> recent = Comparator.comparingLong(e -> e.lastActivity);
        Optional<Entry> best;
        if (tabId != null) {
            best = routable().filter(e -> hasTab(e, tabId)).max(recent);
            return best.map(e -> e.connection).orElseThrow(() -> new RequestFailure(RequestFailure.NO_TARGET,
                    "no connected extension serves tab " + tabId));
        }
        best = routable().max(recent);
        return best.map(e -> e.connection).orElseThrow(() -> new RequestFailure(RequestFailure.NO_TARGET,
                "no browser extension is connected"));
    }

    /** Extensions a command may go to: a terminated one stays listed until its close reaches this directory. */
    private java.util.stream.Stream<Entry> routable() {
        return sessions.values().stream().filter(e -> e.connection.isOpen());
    }

    private static boolean hasTab(Entry entry, String tabId) {
        synchronized (entry) {
            return entry.tabs.containsKey(tabId) || tabId.equals(entry.defaultTabId);
        }
    }

    /**
     * How many tabs the connected sessions list, as {@link #snapshot()} would count them, without copying or
     * sorting anything: {@code /health} asks on every call, and with 64 tabs the snapshot was a quarter of its CPU.
     */
    public int tabCount() {
        int count = 0;
        for (Entry entry : sessions.values()) {
            synchronized (entry) {
                count += entry.tabs.size();
            }
        }
        return count;
    }

    public List<Session> snapshot() {
        List<Session> result = new ArrayList<>();
        for (Entry entry : sessions.values()) {
            ConnectionInit init = entry.init;
            List<Tab> tabs;
            synchronized (entry) {
                tabs = List.copyOf(entry.tabs.values());
            }
            Connection c = entry.connection;
            result.add(new Session(c.id(), init == null ? c.clientType() : init.clientType(),
                    init == null ? null : init.version(), c.dialect(), c.subprotocol(),
                    entry.capabilities,
                    c.openedAt(), entry.lastActivity, entry.defaultTabId, tabs, c.droppedEvents()));
        }
        result.sort(Comparator.comparingLong(Session::connectedAt));
        return result;
    }

    public int size() {
        return sessions.size();
    }
}
