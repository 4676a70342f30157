package dev.tabrelay.client.internal;

import dev.tabrelay.client.Backoff;
import dev.tabrelay.client.ConnectionListener;
import dev.tabrelay.protocol.codec.FrameCodec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything a {@link FrameSocket} is told by a client builder.
 *
 * @param headers           evaluated at every connect, so a token can rotate between reconnects
 * @param heartbeatInterval null: use the interval the relay announces in connection-ack
 * @param okHttpClient      null: the socket builds (and owns) its own client
 */
public record SocketSettings(String role, HttpUrl url, Supplier<Map<String, String>> headers, List<String> subprotocols,
                             Backoff backoff, Duration requestTimeout, Duration pingInterval,
                             boolean heartbeats, Duration heartbeatInterval, int messagesPerSecond,
                             int maxQueuedMessages, Duration closeTimeout, Clock clock, FrameCodec codec,
                             List<ConnectionListener> listeners, OkHttpClient okHttpClient) {
}
