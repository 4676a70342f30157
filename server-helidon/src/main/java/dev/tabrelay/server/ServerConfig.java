package dev.tabrelay.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the server can be told. Built by {@link ConfigLoader} (flags > environment > config file > defaults)
 * or directly with {@link #builder()} in tests.
 *
 * @param port                0 = ephemeral; the real port is printed as {@code listening on http://HOST:PORT}
 * @param maxFrameBytes       largest WebSocket message; larger ones close the socket with 1009
 * @param maxMessageAge       frames with an older (or further future) timestamp are refused; null = no check
 * @param heartbeatInterval   announced in connection-ack; a peer silent for two intervals is closed
 * @param messagesPerSecond   inbound frames per second per connection (0 = unlimited)
 * @param outboundQueue       events queued per subscriber before the oldest is dropped
 * @param logsPerTab          events kept per tab (newest kept)
 * @param maxTabs             tabs with stored events (least recently written evicted first)
 * @param requestTimeout      how long a screenshot (or other tab request) may take
 * @param shutdownGrace       how long shutdown waits for sockets to flush before dropping them
 */
public record ServerConfig(String host, int port, Path dataDir, int maxFrameBytes, Duration maxMessageAge,
                           Duration heartbeatInterval, int messagesPerSecond, int outboundQueue, int logsPerTab,
                           int maxTabs, Duration requestTimeout, Duration shutdownGrace) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        require(port >= 0 && port <= 65535, "port must be 0..65535: " + port);
        require(maxFrameBytes > 0, "max-frame-bytes must be positive");
        require(heartbeatInterval.toMillis() > 0, "heartbeat-interval-ms must be positive");
        require(messagesPerSecond >= 0, "rate-limit must not be negative");
        require(outboundQueue > 0, "outbound-queue must be positive");
        require(logsPerTab > 0, "logs-per-tab must be positive");
        require(maxTabs > 0, "max-tabs must be positive");
        require(requestTimeout.toMillis() > 0, "request-timeout-ms must be positive");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: 127.0.0.1:3025, ./tabrelay-data, 1 MiB frames, 60 s max age, 30 s heartbeat, 100 msg/s. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 3025;
        private Path dataDir = Path.of("tabrelay-data");
        private int maxFrameBytes = 1024 * 1024;
        private Duration maxMessageAge = Duration.ofSeconds(60);
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private int messagesPerSecond = 100;
        private int outboundQueue = 256;
        private int logsPerTab = 1000;
        private int maxTabs = 100;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration shutdownGrace = Duration.ofSeconds(2);

        private Builder() {
        }

        public Builder host(String value) { host = value; return this; }

        public Builder port(int value) { port = value; return this; }

        public Builder dataDir(Path value) { dataDir = value; return this; }

        public Builder maxFrameBytes(int value) { maxFrameBytes = value; return this; }

        public Builder maxMessageAge(Duration value) { maxMessageAge = value; return this; }

        public Builder heartbeatInterval(Duration value) { heartbeatInterval = value; return this; }

        public Builder messagesPerSecond(int value) { messagesPerSecond = value; return this; }

        public Builder outboundQueue(int value) { outboundQueue = value; return this; }

        public Builder logsPerTab(int value) { logsPerTab = value; return this; }

        public Builder maxTabs(int value) { maxTabs = value; return this; }

        public Builder requestTimeout(Duration value) { requestTimeout = value; return this; }

        public Builder shutdownGrace(Duration value) { shutdownGrace = value; return this; }

        public ServerConfig build() {
            return new ServerConfig(host, port, dataDir, maxFrameBytes, maxMessageAge, heartbeatInterval,
                    messagesPerSecond, outboundQueue, logsPerTab, maxTabs, requestTimeout, shutdownGrace);
        }
    }
}
