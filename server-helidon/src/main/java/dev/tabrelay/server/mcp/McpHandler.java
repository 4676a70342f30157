package dev.tabrelay.server.mcp;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.control.Ack;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionClose;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.control.Subscribe;
import dev.tabrelay.protocol.control.Unsubscribe;
import dev.tabrelay.protocol.events.ClearLogs;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.connection.FrameHandler;
import dev.tabrelay.server.connection.RequestFailure;
import dev.tabrelay.server.events.Subscriptions;
import dev.tabrelay.server.tabs.ExtensionHandler;
import dev.tabrelay.server.tabs.ScreenshotService;
import io.helidon.websocket.WsCloseCodes;

import java.time.Clock;
import java.util.function.Function;

/**
 * {@code /mcp-ws}: MCP clients subscribe to tab events, ask for screenshots and clear logs. New clients are
 * subscribed to everything (seed 002's clients never send subscribe); {@code unsubscribe} stops all delivery.
 */
public final class McpHandler implements FrameHandler {

    private final Subscriptions subscriptions;
    private final ScreenshotService screenshots;
    private final ConnectionRegistry registry;
    private final ExtensionHandler.AckInfo ackInfo;
    private final Clock clock;
    private final Function<String, Integer> clearLogs;

    public McpHandler(Subscriptions subscriptions, ScreenshotService screenshots, ConnectionRegistry registry,
                      ExtensionHandler.AckInfo ackInfo, Clock clock, Function<String, Integer> clearLogs) {
        this.subscriptions = subscriptions;
        this.screenshots = screenshots;
        this.registry = registry;
        this.ackInfo = ackInfo;
        this.clock = clock;
        this.clearLogs = clearLogs;
    }

    @Override
    public void onOpen(Connection connection) {
        subscriptions.subscribe(connection.id(), Subscribe.all());
    }

    @Override
    public void onFrame(Connection connection, Message message) {
        Payload data = message.data();
        if (data instanceof ConnectionInit init) {
            connection.identify(init.clientType(), init.version());
            connection.send(reply(connection, message, new ConnectionAck(connection.id(), ackInfo.serverId(),
                    ackInfo.supportedProtocols(), ackInfo.maxMessageSize(), ackInfo.heartbeatInterval())));
        } else if (data instanceof Subscribe subscribe) {
            subscriptions.subscribe(connection.id(), subscribe);
            connection.send(reply(connection, message, Ack.ok(message.id())));
        } else if (data instanceof Unsubscribe) {
            subscriptions.unsubscribe(connection.id());
            connection.send(reply(connection, message, Ack.ok(message.id())));
        } else if (data instanceof ScreenshotRequest request) {
            screenshot(connection, message, request);
        } else if (data instanceof ClearLogs clear) {
            String tabId = clear.tabId() != null ? clear.tabId() : message.metadata().tabId();
            int count = clearLogs.apply(tabId);
            connection.send(reply(connection, message, new Ack(message.id(), "ok", count, null)));
        } else if (data instanceof ConnectionClose) {
            registry.terminate(connection, WsCloseCodes.NORMAL_CLOSE, "connection-close");
        } else {
            connection.send(reply(connection, message, ErrorFrame.of("unsupported-type",
                    message.type() + " is not accepted on the MCP endpoint", message.id())));
        }
    }

    /** The reply reuses the request's id and goes to this requester only. */
    private void screenshot(Connection requester, Message message, ScreenshotRequest request) {
        Metadata target = message.metadata();
        screenshots.capture(target.tabId(), target.sessionId(), request, (capture, error) -> {
            if (error != null) {
                RequestFailure failure = RequestFailure.of(error);
                requester.send(reply(requester, message, ErrorFrame.of(failure.code(), failure.getMessage(), message.id())));
            } else {
                requester.send(new Message(message.id(), clock.millis(), capture.response(),
                        new Metadata(capture.sessionId(), "tabrelay-server", null, capture.tabId(), capture.url())));
            }
        });
    }

    private Message reply(Connection connection, Message request, Payload data) {
        return new Message(request.id(), clock.millis(), data, Metadata.ofSession(connection.id()));
    }
}
