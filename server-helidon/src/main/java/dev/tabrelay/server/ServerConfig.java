package dev.tabrelay.server;

import dev.tabrelay.server.security.Hosts;
import dev.tabrelay.server.security.PairingToken;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param chat                chat API settings and the optional legacy chat listeners

 * @param ops                 ops/CDP, annotation, lease and tunnel settings
 * @param security            pairing, origin/host allowlists and redaction (docs/security.md)
 */
public record ServerConfig(String host, int port, Path dataDir, int maxFrameBytes, Duration maxMessageAge,
                           Duration heartbeatInterval, int messagesPerSecond, int outboundQueue, int logsPerTab,
                           int maxTabs, Duration requestTimeout, Duration shutdownGrace, Chat chat, Ops ops,
                           Security security) {

    /**
     * Ops, annotation, lease and tunnel settings.
     *
     * @param cdpTimeout        how long the extension may take for one CDP command
     * @param annotationTimeout how long an annotation command may take (a person may be annotating)
     * @param leaseTtl          how long a lease grant or renewal lasts
     * @param leaseRenewAfter   when holders are told to renew
     * @param leaseQueueWait    the longest wait in the lease queue
     * @param tunnelSecret      HS256 key for tunnel JWTs, at least 32 bytes; null = {@code /tunnel} disabled
     * @param tunnelAudience    the {@code aud} tunnel JWTs must carry
     * @param tunnelClockSkew   leeway for {@code exp}, {@code nbf} and {@code iat}
     * @param tunnelMaxTtl      the longest lifetime {@code POST /v1/tunnel/tokens} mints
     */
    public record Ops(Duration cdpTimeout, Duration annotationTimeout, Duration leaseTtl, Duration leaseRenewAfter,
                      Duration leaseQueueWait, String tunnelSecret, String tunnelAudience,
                      Duration tunnelClockSkew, Duration tunnelMaxTtl) {

        public Ops {
            require(cdpTimeout.toMillis() > 0, "cdp-timeout-ms must be positive");
            require(annotationTimeout.toMillis() > 0, "annotation-timeout-ms must be positive");
            require(leaseTtl.toMillis() > 0 && leaseRenewAfter.toMillis() > 0 && leaseQueueWait.toMillis() > 0,
                    "lease-ttl-ms, lease-renew-after-ms and lease-queue-wait-ms must be positive");
            require(leaseRenewAfter.compareTo(leaseTtl) < 0, "lease-renew-after-ms must be shorter than lease-ttl-ms");
            require(tunnelSecret == null || tunnelSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 32,
                    "tunnel-secret must be at least 32 bytes");
            require(tunnelAudience != null && !tunnelAudience.isBlank(), "tunnel-audience must not be blank");
            require(!tunnelClockSkew.isNegative(), "tunnel-clock-skew-ms must not be negative");
            require(tunnelMaxTtl.toSeconds() > 0, "tunnel-max-ttl-s must be positive");
        }

        public static Ops defaults() {
            return new Ops(Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(60),
                    Duration.ofSeconds(20), Duration.ofSeconds(30), null, "tabrelay-tunnel",
                    Duration.ofSeconds(30), Duration.ofHours(24));
        }

        /** Secrets stay out of logs and error messages. */
        @Override
        public String toString() {
            return "Ops[cdpTimeout=" + cdpTimeout + ", annotationTimeout=" + annotationTimeout + ", leaseTtl=" + leaseTtl
                    + ", leaseRenewAfter=" + leaseRenewAfter + ", leaseQueueWait=" + leaseQueueWait
                    + ", tunnel="
                    + (tunnelSecret == null ? "off" : "on") + ", tunnelAudience=" + tunnelAudience
                    + ", tunnelClockSkew=" + tunnelClockSkew + ", tunnelMaxTtl=" + tunnelMaxTtl + "]";
        }
    }

    /**
     * Security settings.
     *
     * @param pairing        require the pairing token from everyone but local tools and configured extensions
     * @param extensionIds   {@code chrome-extension://<id>} ids that count as paired and may read {@code /pair}
     * @param allowedHosts   extra Host header values accepted (besides localhost, 127.0.0.1, [::1], the bind host)
     * @param allowedOrigins web origins (scheme://host[:port]) accepted on the HTTP API, with the token
     * @param redactHeaders  header names redacted on ingest besides Authorization, Cookie, Set-Cookie, Proxy-Authorization
     * @param pairingToken   a fixed token (TABRELAY_PAIRING_TOKEN) instead of DATA_DIR/pairing-token; null = the file
     */
    public record Security(boolean pairing, List<String> extensionIds, List<String> allowedHosts,
                           List<String> allowedOrigins, List<String> redactHeaders, PairingToken pairingToken) {

        public Security {
            extensionIds = clean(extensionIds);
            allowedHosts = clean(allowedHosts);
            allowedOrigins = clean(allowedOrigins).stream().map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
                    .toList();
            redactHeaders = clean(redactHeaders);
            for (String id : extensionIds) {
                require(id.matches("[A-Za-z0-9._-]+"), "extension-id must be a bare id (the part after"
                        + " chrome-extension://), got '" + id + "'");
            }
            for (String origin : allowedOrigins) {
                require(origin.matches("(?i)https?://[^/\\s]+") && !origin.equalsIgnoreCase("null"),
                        "allowed-origin must be scheme://host[:port], got '" + origin + "'");
            }
            for (String name : redactHeaders) {
                require(name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+"), "redact-header must be a header name, got '" + name + "'");
            }
        }

        public static Security defaults() {
            return new Security(true, List.of(), List.of(), List.of(), List.of(), null);
        }

        private static List<String> clean(List<String> values) {
            return values == null ? List.of()
                    : values.stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
        }
    }

    /**
     * Chat settings.
     *
     * @param timeout            how long a tab may take for a whole answer (from dispatch); then 504 and CANCEL_CHAT
     * @param newRequestBehavior {@code queue} or {@code drop} when every suitable tab is busy
     * @param maxQueueLength     requests waiting at once before 429
     * @param keepAlive          a silent stream gets an SSE comment this often (also how a gone client is noticed)
     * @param chatRelayPort      Chat Relay compatibility listener port, null = off (0 = ephemeral)
     * @param browcallWsPort     Browcall extension WebSocket port, null = off
     * @param browcallApiPort    Browcall HTTP API port, null = off
     */
    public record Chat(Duration timeout, String newRequestBehavior, int maxQueueLength, Duration keepAlive,
                       Integer chatRelayPort, Integer browcallWsPort, Integer browcallApiPort) {

        public Chat {
            require(timeout.toMillis() > 0, "chat-timeout-ms must be positive");
            require("queue".equals(newRequestBehavior) || "drop".equals(newRequestBehavior),
                    "new-request-behavior must be 'queue' or 'drop', got '" + newRequestBehavior + "'");
            require(maxQueueLength >= 0, "max-queue-length must not be negative");
            require(keepAlive.toMillis() > 0, "chat-keepalive-ms must be positive");
            for (Integer p : new Integer[]{chatRelayPort, browcallWsPort, browcallApiPort}) {
                require(p == null || (p >= 0 && p <= 65535), "legacy listener ports must be 0..65535: " + p);
            }
            require((browcallWsPort == null) == (browcallApiPort == null), "browcall-ports needs both WS_PORT:API_PORT");
        }

        public static Chat defaults() {
            return new Chat(Duration.ofMinutes(2), "queue", 100, Duration.ofSeconds(15), null, null, null);
        }
    }

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
        chat = chat == null ? Chat.defaults() : chat;
        ops = ops == null ? Ops.defaults() : ops;
        security = security == null ? Security.defaults() : security;
        require(security.pairing() || Hosts.isLoopbackBind(host), "binding " + host + " (not a loopback address)"
                + " requires pairing: remove --pairing off, or bind 127.0.0.1");
    }

    /** This config with the settings the admin API manages replaced (used when applying persisted settings). */
    public ServerConfig withAdminSettings(int newPort, Duration chatTimeout, String newRequestBehavior, int maxQueueLength) {
        return new ServerConfig(host, newPort, dataDir, maxFrameBytes, maxMessageAge, heartbeatInterval,
                messagesPerSecond, outboundQueue, logsPerTab, maxTabs, requestTimeout, shutdownGrace,
                new Chat(chatTimeout, newRequestBehavior, maxQueueLength, chat.keepAlive(), chat.chatRelayPort(),
                        chat.browcallWsPort(), chat.browcallApiPort()), ops, security);
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
        private Duration chatTimeout = Chat.defaults().timeout();
        private String newRequestBehavior = "queue";
        private int maxQueueLength = Chat.defaults().maxQueueLength();
        private Duration chatKeepAlive = Chat.defaults().keepAlive();
        private Integer chatRelayPort;
        private Integer browcallWsPort;
        private Integer browcallApiPort;
        private Duration cdpTimeout = Ops.defaults().cdpTimeout();
        private Duration annotationTimeout = Ops.defaults().annotationTimeout();
        private Duration leaseTtl = Ops.defaults().leaseTtl();
        private Duration leaseRenewAfter = Ops.defaults().leaseRenewAfter();
        private Duration leaseQueueWait = Ops.defaults().leaseQueueWait();
        private String tunnelSecret;
        private String tunnelAudience = Ops.defaults().tunnelAudience();
        private Duration tunnelClockSkew = Ops.defaults().tunnelClockSkew();
        private Duration tunnelMaxTtl = Ops.defaults().tunnelMaxTtl();
        private boolean pairing = true;
        private List<String> extensionIds = List.of();
        private List<String> allowedHosts = List.of();
        private List<String> allowedOrigins = List.of();
        private List<String> redactHeaders = List.of();
        private PairingToken pairingToken;

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

        public Builder chatTimeout(Duration value) { chatTimeout = value; return this; }

        public Builder newRequestBehavior(String value) { newRequestBehavior = value; return this; }

        public Builder maxQueueLength(int value) { maxQueueLength = value; return this; }

        public Builder chatKeepAlive(Duration value) { chatKeepAlive = value; return this; }

        /** Turns the Chat Relay listener on (0 = ephemeral) or off (null). */
        public Builder chatRelayPort(Integer value) { chatRelayPort = value; return this; }

        /** Turns the Browcall listeners on (0 = ephemeral) or off (nulls). */
        public Builder browcallPorts(Integer wsPort, Integer apiPort) {
            browcallWsPort = wsPort;
            browcallApiPort = apiPort;
            return this;
        }

        public Builder cdpTimeout(Duration value) { cdpTimeout = value; return this; }

        public Builder annotationTimeout(Duration value) { annotationTimeout = value; return this; }

        /** Lease TTL, renew-after hint and longest queue wait. */
        public Builder lease(Duration ttl, Duration renewAfter, Duration queueWait) {
            leaseTtl = ttl;
            leaseRenewAfter = renewAfter;
            leaseQueueWait = queueWait;
            return this;
        }


        /** The tunnel's HS256 secret (at least 32 bytes) or null for no tunnel. */
        public Builder tunnelSecret(String value) { tunnelSecret = value; return this; }

        public Builder tunnelAudience(String value) { tunnelAudience = value; return this; }

        public Builder tunnelClockSkew(Duration value) { tunnelClockSkew = value; return this; }

        public Builder tunnelMaxTtl(Duration value) { tunnelMaxTtl = value; return this; }
        /** Pairing on (default) or off; off is refused on a non-loopback bind. */
        public Builder pairing(boolean value) { pairing = value; return this; }

        public Builder extensionIds(List<String> value) { extensionIds = List.copyOf(value); return this; }

        public Builder allowedHosts(List<String> value) { allowedHosts = List.copyOf(value); return this; }

        public Builder allowedOrigins(List<String> value) { allowedOrigins = List.copyOf(value); return this; }

        public Builder redactHeaders(List<String> value) { redactHeaders = List.copyOf(value); return this; }

        /** A fixed pairing token instead of the data directory's file (null = the file). */
        public Builder pairingToken(PairingToken value) { pairingToken = value; return this; }

        public ServerConfig build() {
            return new ServerConfig(host, port, dataDir, maxFrameBytes, maxMessageAge, heartbeatInterval,
                    messagesPerSecond, outboundQueue, logsPerTab, maxTabs, requestTimeout, shutdownGrace,
                    new Chat(chatTimeout, newRequestBehavior, maxQueueLength, chatKeepAlive, chatRelayPort,
                            browcallWsPort, browcallApiPort),
                    new Ops(cdpTimeout, annotationTimeout, leaseTtl, leaseRenewAfter, leaseQueueWait,
                            tunnelSecret, tunnelAudience, tunnelClockSkew, tunnelMaxTtl),
                    new Security(pairing, extensionIds, allowedHosts, allowedOrigins, redactHeaders, pairingToken));
        }
    }
}
