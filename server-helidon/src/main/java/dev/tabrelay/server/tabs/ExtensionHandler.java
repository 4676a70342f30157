package dev.tabrelay.server.tabs;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.control.Ack;
import dev.tabrelay.protocol.control.Capabilities;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionClose;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.events.ClearLogs;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.connection.FrameHandler;
import dev.tabrelay.server.connection.PendingRequests;
import dev.tabrelay.server.connection.RequestFailure;
import dev.tabrelay.server.events.EventHub;
import io.helidon.websocket.WsCloseCodes;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code /extension-ws}: the extension side of the relay. It answers connection-init, keeps the session's tab
 * list, stamps each event with its session, tab and URL before publishing it, and hands replies to the waiters.
 */
public final class ExtensionHandler implements FrameHandler {

    /** What connection-ack announces. */
    public record AckInfo(String serverId, List<String> supportedProtocols, long maxMessageSize, long heartbeatInterval) {
    }

    private final TabDirectory tabs;
    private final EventHub hub;
    private final PendingRequests pending;
    private final ConnectionRegistry registry;
    private final AckInfo ackInfo;
    private final Clock clock;
    private final Function<String, Integer> clearLogs;
    private final Consumer<Message> navigationListener;

    /**
     * @param clearLogs          clears stored logs of one tab (or all with null) and returns the count
     * @param navigationListener told about every stamped navigation (the BrowserTools "current URL")
     */
    public ExtensionHandler(TabDirectory tabs, EventHub hub, PendingRequests pending, ConnectionRegistry registry,
                            AckInfo ackInfo, Clock clock, Function<String, Integer> clearLogs,
                            Consumer<Message> navigationListener) {
        this.tabs = tabs;
        this.hub = hub;
        this.pending = pending;
        this.registry = registry;
        this.ackInfo = ackInfo;
        this.clock = clock;
        this.clearLogs = clearLogs;
        this.navigationListener = navigationListener;
    }

    @Override
    public void onOpen(Connection connection) {
        tabs.add(connection);
    }

    @Override
    public void onFrame(Connection connection, Message message) {
        Payload data = message.data();
        if (data instanceof ConnectionInit init) {
            connection.identify(init.clientType(), init.version());
            tabs.init(connection, init);
            connection.send(new Message(message.id(), clock.millis(), new ConnectionAck(connection.id(),
                    ackInfo.serverId(), ackInfo.supportedProtocols(), ackInfo.maxMessageSize(),
                    ackInfo.heartbeatInterval()), Metadata.ofSession(connection.id())));
        } else if (data instanceof Capabilities capabilities) {
            tabs.update(connection.id(), capabilities);
            connection.send(reply(message, Ack.ok(message.id())));
        } else if (data instanceof ScreenshotResponse) {
            // Legacy replies too: the BrowserTools dialect makes the legacy requestId the message id.
            if (!pending.complete(connection.id(), message.id(), message)) {
                connection.send(reply(message, ErrorFrame.of("unknown-request",
                        "no screenshot-request with id " + message.id() + " is waiting (late or duplicate reply)",
                        message.id())));
            }
        } else if (isEvent(data)) {
            Message stamped = stamp(connection, message);
            hub.publish(stamped);
            if (data instanceof Navigation) {
                navigationListener.accept(stamped);
            }
        } else if (data instanceof ClearLogs clear) {
            String tabId = clear.tabId() != null ? clear.tabId() : message.metadata().tabId();
            int count = clearLogs.apply(tabId);
            connection.send(reply(message, new Ack(message.id(), "ok", count, null)));
        } else if (data instanceof ErrorFrame error) {
            // E.g. a BrowserTools current-url-response with an error. No reply: answering an error with one loops.
            pending.fail(connection.id(), error.replyTo() != null ? error.replyTo() : message.id(),
                    new RequestFailure(error.code(), error.message()));
        } else if (data instanceof ConnectionClose) {
            registry.terminate(connection, WsCloseCodes.NORMAL_CLOSE, "connection-close");
        } else {
            connection.send(reply(message, ErrorFrame.of("unsupported-type",
                    message.type() + " is not accepted on the extension endpoint", message.id())));
        }
    }

    static boolean isEvent(Payload data) {
        return data instanceof ConsoleLog || data instanceof ConsoleError || data instanceof NetworkRequest
                || data instanceof NetworkError || data instanceof ElementSelected || data instanceof Navigation;
    }

    /** Fills in who sent the event and where: the server's view wins for the session, the sender's for the tab. */
    private Message stamp(Connection connection, Message message) {
        Metadata in = message.metadata();
        String tabId = in.tabId() != null ? in.tabId() : tabs.defaultTab(connection.id());
        if (tabId == null) {
            tabId = "default";
        }
        if (tabs.defaultTab(connection.id()) == null) {
            tabs.setDefaultTab(connection.id(), tabId);
        }
        String url = in.url();
        String title = null;
        if (message.data() instanceof Navigation navigation) {
            url = navigation.url();
            title = navigation.title();
        }
        TabDirectory.Tab tab = tabs.touch(connection.id(), tabId, url, title);
        String source = in.source() != null ? in.source() : "extension"; // legacy dialects name themselves
        Metadata stamped = new Metadata(connection.id(), source, in.version(), tabId, url != null ? url : tab.url());
        return message.withMetadata(stamped);
    }

    private Message reply(Message request, Payload data) {
        return new Message(request.id(), clock.millis(), data, Metadata.ofSession(request.metadata().sessionId()));
    }

}
