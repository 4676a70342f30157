package dev.tabrelay.server.tunnel;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.control.Ack;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.control.Subscribe;
import dev.tabrelay.protocol.events.ClearLogs;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.connection.FrameHandler;
import dev.tabrelay.server.events.EventStore;
import dev.tabrelay.server.events.Subscriptions;
import dev.tabrelay.server.tabs.TabDirectory;
import io.helidon.websocket.WsCloseCodes;

import java.time.Clock;

/**
 * {@code /tunnel/{sessionId}}: the MCP role, confined to the one session its token names. Events of other
 * sessions never reach it (the subscription scope is pinned before it can subscribe), and screenshots and
 * clear-logs act only on that session's tabs; everything else is the MCP endpoint's behaviour.
 */
public final class TunnelHandler implements FrameHandler {

    private final FrameHandler mcp;
    private final Subscriptions subscriptions;
    private final TabDirectory tabs;
    private final EventStore store;
    private final ConnectionRegistry registry;
    private final Clock clock;

    public TunnelHandler(FrameHandler mcp, Subscriptions subscriptions, TabDirectory tabs, EventStore store,
                         ConnectionRegistry registry, Clock clock) {
        this.mcp = mcp;
        this.subscriptions = subscriptions;
        this.tabs = tabs;
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void onOpen(Connection connection) {
        String session = scope(connection);
        // The gate saw the session at the upgrade, but its extension may have left before this socket joined the
        // registry; the extension's close listener then did not find this tunnel to end it. It is registered now,
        // and the extension is marked closed before that listener looks, so one of the two always sees the other.
        if (registry.get(session).filter(Connection::isOpen).isEmpty()) {
            registry.terminate(connection, WsCloseCodes.NORMAL_CLOSE, "session " + session + " ended");
            return;
        }
        subscriptions.restrict(connection.id(), session);
        mcp.onOpen(connection);
    }

    @Override
    public void onFrame(Connection connection, Message message) {
        String session = scope(connection);
        Payload data = message.data();
        if (data instanceof Subscribe subscribe && subscribe.sessionId() != null && !subscribe.sessionId().equals(session)) {
            refuse(connection, message, "this tunnel only sees session " + session);
        } else if (data instanceof ScreenshotRequest) {
            String tabId = message.metadata().tabId();
            if (tabId != null && !tabs.serves(session, tabId)) {
                refuse(connection, message, "tab " + tabId + " is not in session " + session);
                return;
            }
            mcp.onFrame(connection, message.withMetadata(new Metadata(session, message.metadata().source(),
                    message.metadata().version(), tabId, message.metadata().url())));
        } else if (data instanceof ClearLogs clear) {
            String tabId = clear.tabId() != null ? clear.tabId() : message.metadata().tabId();
            int count = store.clear(session, tabId);
            reply(connection, message, new Ack(message.id(), "ok", count, null));
        } else {
            mcp.onFrame(connection, message);
        }
    }

    private static String scope(Connection connection) {
        String scope = connection.admission().scope();
        if (scope == null) {
            throw new IllegalStateException("a tunnel socket opened without a session scope");
        }
        return scope;
    }

    private void refuse(Connection connection, Message message, String why) {
        reply(connection, message, ErrorFrame.of("session-forbidden", why, message.id()));
    }

    private void reply(Connection connection, Message request, Payload data) {
        connection.send(new Message(request.id(), clock.millis(), data, Metadata.ofSession(connection.id())));
    }
}
