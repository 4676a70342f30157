package dev.tabrelay.client;

import dev.tabrelay.client.internal.SocketSettings;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.control.Ack;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.Unsubscribe;
import dev.tabrelay.protocol.events.ClearLogs;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.EventPayload;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The event-subscriber role shared by {@link McpClient} and {@link TunnelClient}. */
abstract class EventClientBase extends SocketClientBase implements EventClient {

    private final String clientType;
    private final String version;
    private final List<EventListener> listeners;
    private final Duration requestTimeout;
    // null with subscribed == true: never narrowed, the relay's default (everything)
    private EventFilter filter;
    private boolean subscribed = true;

    EventClientBase(SocketSettings settings, EventClientBuilder<?> builder) {
        super(settings);
        this.clientType = builder.clientType;
        this.version = builder.version;
        this.listeners = List.copyOf(builder.eventListeners);
        this.filter = builder.subscription;
        this.requestTimeout = settings.requestTimeout();
    }

    @Override
    public Message connectionInit(String id, long now) {
        return new Message(id, now, ConnectionInit.of(clientType, version, List.of("events", "screenshots")), Metadata.EMPTY);
    }

    @Override
    public List<Message> afterHandshake(ConnectionAck ack) {
        synchronized (this) {
            if (!subscribed) {
                return List.of(frame(new Unsubscribe("restored after reconnect"), Metadata.EMPTY));
            }
            return filter == null ? List.of() : List.of(frame(filter.toSubscribe(), Metadata.EMPTY));
        }
    }

    @Override
    public CompletableFuture<Ack> subscribe(EventFilter newFilter) {
        synchronized (this) {
            filter = newFilter;
            subscribed = true;
        }
        return call(newFilter.toSubscribe(), Metadata.EMPTY, null, Ack.class, null);
    }

    @Override
    public CompletableFuture<Ack> unsubscribe() {
        synchronized (this) {
            subscribed = false;
        }
        return call(new Unsubscribe(null), Metadata.EMPTY, null, Ack.class, null);
    }

    @Override
    public synchronized Optional<EventFilter> subscription() {
        if (!subscribed) {
            return Optional.empty();
        }
        return Optional.of(filter == null ? EventFilter.all() : filter);
    }

    @Override
    public CompletableFuture<Screenshot> requestScreenshot(ScreenshotRequest request, Target target) {
        return requestScreenshot(request, target, requestTimeout);
    }

    @Override
    public CompletableFuture<Screenshot> requestScreenshot(ScreenshotRequest request, Target target, Duration timeout) {
        return socket.call(frame(request, target.metadata()), timeout, null).thenApply(reply -> {
            ScreenshotResponse response = expect(reply, ScreenshotResponse.class);
            if (!Boolean.TRUE.equals(response.success())) {
                throw new RelayException("screenshot-failed", response.error() != null ? response.error()
                        : "the extension reported a failure", reply.id());
            }
            Metadata m = reply.metadata();
            return new Screenshot(response, m.sessionId(), m.tabId(), m.url());
        });
    }

    @Override
    public CompletableFuture<Integer> clearLogs(String tabId) {
        return clearLogs(tabId, requestTimeout);
    }

    @Override
    public CompletableFuture<Integer> clearLogs(String tabId, Duration timeout) {
        return call(new ClearLogs(tabId), Metadata.EMPTY, timeout, Ack.class, null)
                .thenApply(ack -> ack.count() == null ? 0 : ack.count());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onFrame(Message frame) {
        if (!(frame.data() instanceof EventPayload payload) || frame.data() instanceof ScreenshotRequest
                || frame.data() instanceof ScreenshotResponse || frame.data() instanceof ClearLogs) {
            return; // acks of restored subscriptions, notices
        }
        TabEvent<?> event = new TabEvent<>(payload, frame);
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(event);
                switch (payload) {
                    case ConsoleLog p -> listener.onConsoleLog((TabEvent<ConsoleLog>) event);
                    case ConsoleError p -> listener.onConsoleError((TabEvent<ConsoleError>) event);
                    case NetworkRequest p -> listener.onNetworkRequest((TabEvent<NetworkRequest>) event);
                    case NetworkError p -> listener.onNetworkError((TabEvent<NetworkError>) event);
                    case ElementSelected p -> listener.onElementSelected((TabEvent<ElementSelected>) event);
                    case Navigation p -> listener.onNavigation((TabEvent<Navigation>) event);
                    default -> { }
                }
            } catch (RuntimeException e) {
                System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING, "an event listener failed", e);
            }
        }
    }
}
