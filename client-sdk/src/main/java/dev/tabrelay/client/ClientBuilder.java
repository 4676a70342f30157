package dev.tabrelay.client;

import dev.tabrelay.client.internal.SocketSettings;
import dev.tabrelay.protocol.codec.FrameCodec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Settings every socket client shares. Each option states its default. Builders are not thread-safe; the
 * clients they build are.
 *
 * @param <B> the concrete builder, returned by every option for chaining
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {

    private String serverUrl = "http://127.0.0.1:3025";
    private String url;
    private OkHttpClient okHttpClient;
    private Backoff backoff = Backoff.exponential();
    private Duration requestTimeout = Duration.ofSeconds(15);
    private Duration pingInterval = Duration.ofSeconds(15);
    private boolean heartbeats = true;
    private Duration heartbeatInterval;
    private int messagesPerSecond = 100;
    private int maxQueuedMessages = 1000;
    private Duration closeTimeout = Duration.ofSeconds(2);
    private final Map<String, String> headers = new LinkedHashMap<>();
    private List<String> subprotocols;
    private final List<ConnectionListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private FrameCodec codec;

    ClientBuilder() {
    }

    abstract B self();

    /** The relay's base URL, {@code http(s)://} or {@code ws(s)://} (default {@code http://127.0.0.1:3025}). */
    public B serverUrl(String value) {
        this.serverUrl = Objects.requireNonNull(value, "serverUrl");
        return self();
    }

    /** The full endpoint URL, overriding {@link #serverUrl} plus the role's path (for servers on other paths). */
    public B url(String value) {
        this.url = Objects.requireNonNull(value, "url");
        return self();
    }

    /**
     * An OkHttpClient to share (its pools and dispatcher); the caller keeps owning it. By default the client
     * builds its own and stops all of its threads on close.
     */
    public B okHttpClient(OkHttpClient value) {
        this.okHttpClient = Objects.requireNonNull(value, "okHttpClient");
        return self();
    }

    /** Reconnect policy (default {@link Backoff#exponential()}); {@link Backoff#none()} turns reconnecting off. */
    public B backoff(Backoff value) {
        this.backoff = Objects.requireNonNull(value, "backoff");
        return self();
    }

    /** Default timeout of every call and of the handshake (default 15 s). */
    public B requestTimeout(Duration value) {
        this.requestTimeout = positive(value, "requestTimeout");
        return self();
    }

    /** WebSocket ping interval; a missing pong drops the connection (default 15 s, {@code ZERO} disables). */
    public B pingInterval(Duration value) {
        this.pingInterval = Objects.requireNonNull(value, "pingInterval");
        return self();
    }

    /** Whether to send {@code heartbeat} frames (default true). */
    public B heartbeats(boolean value) {
        this.heartbeats = value;
        return self();
    }

    /** Heartbeat period (default: the {@code heartbeatInterval} the relay announces in connection-ack). */
    public B heartbeatInterval(Duration value) {
        this.heartbeatInterval = positive(value, "heartbeatInterval");
        return self();
    }

    /**
     * Outbound frames per second (default 100, the relay's own limit; 0 = unlimited). Counted in any sliding 1.1 s
     * so that jitter on the way never makes the relay see more than this in one of its one-second windows.
     */
    public B messagesPerSecond(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("messagesPerSecond must not be negative: " + value);
        }
        this.messagesPerSecond = value;
        return self();
    }

    /** Frames that may wait for the throttle or a reconnect before sends fail with {@code queue-full} (default 1000). */
    public B maxQueuedMessages(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("maxQueuedMessages must be positive: " + value);
        }
        this.maxQueuedMessages = value;
        return self();
    }

    /** How long {@code close()} waits for the relay's close frame (default 2 s). */
    public B closeTimeout(Duration value) {
        this.closeTimeout = positive(value, "closeTimeout");
        return self();
    }

    /** An extra HTTP header on the WebSocket upgrade (e.g. {@code Origin}). */
    public B header(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return self();
    }

    /** Subprotocols to offer (default: the role's TabRelay subprotocol). None: offer nothing. */
    public B subprotocols(String... values) {
        this.subprotocols = List.of(values);
        return self();
    }

    /** Adds a listener for state changes, unsolicited errors and raw frames. */
    public B listener(ConnectionListener value) {
        listeners.add(Objects.requireNonNull(value, "listener"));
        return self();
    }

    /** Clock for frame timestamps (default UTC system clock). */
    public B clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return self();
    }

    /** Codec for inbound and outbound frames (default {@link FrameCodec#defaults()} on this builder's clock). */
    public B codec(FrameCodec value) {
        this.codec = Objects.requireNonNull(value, "codec");
        return self();
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    SocketSettings settings(String role, String path, List<String> defaultSubprotocols,
                            Supplier<Map<String, String>> extraHeaders, Map<String, String> query) {
        HttpUrl endpoint = url != null ? httpUrl(url) : httpUrl(serverUrl).newBuilder().encodedPath(path).build();
        if (!query.isEmpty()) {
            HttpUrl.Builder withQuery = endpoint.newBuilder();
            query.forEach(withQuery::setQueryParameter);
            endpoint = withQuery.build();
        }
        Map<String, String> fixed = Map.copyOf(headers);
        Supplier<Map<String, String>> allHeaders = () -> {
            Map<String, String> all = new LinkedHashMap<>(fixed);
            all.putAll(extraHeaders.get());
            return all;
        };
        FrameCodec frameCodec = codec != null ? codec : FrameCodec.builder().clock(clock).build();
        return new SocketSettings(role, endpoint, allHeaders, subprotocols != null ? subprotocols : defaultSubprotocols,
                backoff, requestTimeout, pingInterval, heartbeats, heartbeatInterval, messagesPerSecond,
                maxQueuedMessages, closeTimeout, clock, frameCodec, List.copyOf(listeners), okHttpClient);
    }

    static HttpUrl httpUrl(String value) {
        String http = value.regionMatches(true, 0, "ws:", 0, 3) ? "http:" + value.substring(3)
                : value.regionMatches(true, 0, "wss:", 0, 4) ? "https:" + value.substring(4) : value;
        HttpUrl parsed = HttpUrl.parse(http);
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) or ws(s) URL: " + value);
        }
        return parsed;
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }
}
