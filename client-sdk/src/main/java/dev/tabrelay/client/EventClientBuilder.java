package dev.tabrelay.client;

import dev.tabrelay.protocol.events.EventPayload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options of the event subscribers ({@link McpClient}, {@link TunnelClient}) on top of {@link ClientBuilder}.
 *
 * @param <B> the concrete builder
 */
public abstract class EventClientBuilder<B extends EventClientBuilder<B>> extends ClientBuilder<B> {

    String clientType;
    String version = "1.0.0";
    EventFilter subscription;
    final List<EventListener> eventListeners = new ArrayList<>();

    EventClientBuilder(String clientType) {
        this.clientType = clientType;
    }

    /** {@code connection-init.clientType}. */
    public B clientType(String value) {
        this.clientType = Objects.requireNonNull(value);
        return self();
    }

    public B version(String value) {
        this.version = value;
        return self();
    }

    /** The filter to subscribe with on every connect (default: none sent, so the relay delivers everything). */
    public B subscription(EventFilter filter) {
        this.subscription = Objects.requireNonNull(filter);
        return self();
    }

    public B eventListener(EventListener listener) {
        eventListeners.add(Objects.requireNonNull(listener));
        return self();
    }

    /** Calls {@code consumer} with every event whose payload is a {@code type}. */
    public <T extends EventPayload> B on(Class<T> type, Consumer<TabEvent<T>> consumer) {
        Objects.requireNonNull(type);
        Objects.requireNonNull(consumer);
        return eventListener(new EventListener() {
            @Override
            @SuppressWarnings("unchecked")
            public void onEvent(TabEvent<?> event) {
                if (type.isInstance(event.data())) {
                    consumer.accept((TabEvent<T>) event);
                }
            }
        });
    }
}
