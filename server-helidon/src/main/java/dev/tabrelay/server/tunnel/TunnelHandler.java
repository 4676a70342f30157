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
import dev.tabrelay.server.connection.FrameHandler;
import dev.tabrelay.server.events.EventStore;
import dev.tabrelay.server.events.Subscriptions;
import dev.tabrelay.server.tabs.TabDirectory;

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
    private final Clock clock;

    public TunnelHandler(FrameHandler mcp, Subscriptions subscriptions, TabDirectory tabs, EventStore store, Clock clock) {
        this.mcp = mcp;
        this.subscriptions = subscriptions;
        this.tabs = tabs;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void onOpen(Connection connection) {
        subscriptions.restrict(connection.id(), scope(connection));
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
