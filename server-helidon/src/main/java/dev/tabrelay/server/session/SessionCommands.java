package dev.tabrelay.server.session;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.control.ConnectionClose;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.control.Subscribe;
import dev.tabrelay.protocol.session.Disconnect;
import dev.tabrelay.protocol.session.GetSession;
import dev.tabrelay.protocol.session.GetTabId;
import dev.tabrelay.protocol.session.NewSession;
import dev.tabrelay.protocol.session.PollingSession;
import dev.tabrelay.protocol.session.SessionDisconnected;
import dev.tabrelay.protocol.session.SessionInfo;
import dev.tabrelay.protocol.session.SessionStatus;
import dev.tabrelay.protocol.session.TabIdInfo;
import dev.tabrelay.server.chat.ChatRouter;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.connection.FrameHandler;
import dev.tabrelay.server.events.Subscriptions;
import dev.tabrelay.server.tabs.TabDirectory;
import io.helidon.websocket.WsCloseCodes;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ConnectWindow commands over the extension WebSocket. Every reply reuses the command's id.
 * {@code Disconnect} closes the session for every party using it: the running chat request on the tab fails
 * (and the tab is told to cancel), the extension connections serving the tab and the MCP clients subscribed to
 * it get {@code connection-close}; a connection that served only that tab (or an MCP client filtered to it) is
 * then closed, one serving other tabs just loses this tab.
 */
public final class SessionCommands implements FrameHandler {

    public static final String CLOSE_REASON = "session-disconnected";

    private final SessionRegistry sessions;
    private final TabDirectory tabs;
    private final ChatRouter router;
    private final ConnectionRegistry registry;
    private final Subscriptions subscriptions;
    private final Clock clock;

    public SessionCommands(SessionRegistry sessions, TabDirectory tabs, ChatRouter router, ConnectionRegistry registry,
                           Subscriptions subscriptions, Clock clock) {
        this.sessions = sessions;
        this.tabs = tabs;
        this.router = router;
        this.registry = registry;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Override
    public void onFrame(Connection connection, Message message) {
        Payload data = message.data();
        if (data instanceof NewSession open) {
            WindowSession session = sessions.open(new WindowSession(open.tabId(), connection.id(), open.apiPort(),
                    open.socketPort(), clock.millis()));
            tabs.touch(connection.id(), open.tabId(), null, null); // the sender serves this tab from now on
            router.tabsChanged();
            reply(connection, message, info(open.tabId(), Optional.of(session)));
        } else if (data instanceof GetSession get) {
            reply(connection, message, info(get.tabId(), sessions.get(get.tabId())));
        } else if (data instanceof PollingSession poll) {
            reply(connection, message, new SessionStatus(poll.tabId(), sessions.get(poll.tabId()).isPresent(),
                    sessions.busy(poll.tabId())));
        } else if (data instanceof GetTabId) {
            String tabId = message.metadata().tabId() != null ? message.metadata().tabId() : tabs.defaultTab(connection.id());
            if (tabId == null) {
                reply(connection, message, ErrorFrame.of("unknown-tab", "this connection named no tab: send "
                        + "connection-init with tabId, or GetTabId with metadata.tabId", message.id()));
            } else {
                reply(connection, message, new TabIdInfo(tabId));
            }
        } else if (data instanceof Disconnect disconnect) {
            Optional<WindowSession> closed = sessions.close(disconnect.tabId());
            reply(connection, message, new SessionDisconnected(disconnect.tabId(), closed.isPresent()));
            closed.ifPresent(session -> closeParties(session, disconnect.reason()));
        } else {
            reply(connection, message, ErrorFrame.of("unsupported-type",
                    message.type() + " is a reply; the relay sends it, it does not accept it", message.id()));
        }
    }

    private void closeParties(WindowSession session, String why) {
        String tabId = session.tabId();
        ConnectionClose close = new ConnectionClose(CLOSE_REASON, WsCloseCodes.NORMAL_CLOSE,
                "the session of tab " + tabId + " was disconnected" + (why == null ? "" : ": " + why));
        Set<String> closedExtensions = new HashSet<>();
        Set<Connection> extensions = new HashSet<>(tabs.serving(tabId));
        registry.get(session.sessionId()).ifPresent(extensions::add);
        for (Connection extension : extensions) {
            router.tabClosed(extension.id(), tabId);
            boolean onlyTab = servesOnly(extension, tabId);
            if (!onlyTab) {
                tabs.removeTab(extension.id(), tabId); // before the notice: a peer that reacts must find it gone
            }
            extension.send(new Message("close-" + tabId + "-" + extension.id(), clock.millis(), close,
                    new Metadata(extension.id(), "tabrelay-server", null, tabId, null)));
            if (onlyTab) {
                closedExtensions.add(extension.id());
                registry.terminate(extension, WsCloseCodes.NORMAL_CLOSE, CLOSE_REASON);
            }
        }
        for (Connection mcp : registry.all()) {
            if (!mcp.kind().receivesEvents()) {
                continue;
            }
            Optional<Subscribe> filter = subscriptions.of(mcp.id());
            boolean usesTab = filter.map(f -> tabId.equals(f.tabId())
                    || (f.tabId() == null && f.sessionId() != null && closedExtensions.contains(f.sessionId()))).orElse(false);
            if (usesTab) {
                mcp.send(new Message("close-" + tabId + "-" + mcp.id(), clock.millis(), close,
                        new Metadata(mcp.id(), "tabrelay-server", null, tabId, null)));
                registry.terminate(mcp, WsCloseCodes.NORMAL_CLOSE, CLOSE_REASON);
            }
        }
        router.tabsChanged();
    }

    private boolean servesOnly(Connection extension, String tabId) {
        return tabs.offers().stream().filter(o -> o.connection() == extension).findFirst()
                .map(o -> o.tabIds().isEmpty() || o.tabIds().equals(List.of(tabId))).orElse(true);
    }

    private SessionInfo info(String tabId, Optional<WindowSession> session) {
        boolean busy = sessions.busy(tabId);
        return session.map(s -> new SessionInfo(tabId, true, s.sessionId(), s.apiPort(), s.socketPort(), busy, s.createdAt()))
                .orElseGet(() -> new SessionInfo(tabId, false, null, null, null, busy, null));
    }

    private void reply(Connection connection, Message request, Payload data) {
        connection.send(new Message(request.id(), clock.millis(), data, new Metadata(connection.id(), null, null,
                request.metadata().tabId(), null)));
    }
}
