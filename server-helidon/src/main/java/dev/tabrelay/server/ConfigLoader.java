package dev.tabrelay.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads settings with the precedence flags > environment ({@code TABRELAY_*}) > config file (Java properties,
 * named by {@code --config} or {@code TABRELAY_CONFIG}) > defaults. Every key is accepted in all three places:
 * {@code --heartbeat-interval-ms 500}, {@code TABRELAY_HEARTBEAT_INTERVAL_MS=500}, {@code heartbeat-interval-ms=500}.
 */
public final class ConfigLoader {

    /**
     * The parse result: a config to run with, or a request to print help.
     *
     * @param explicit the keys given by a flag or environment variable (they win over persisted admin settings)
     */
    public record Result(ServerConfig config, boolean help, java.util.Set<String> explicit) {
        public Result {
            explicit = java.util.Set.copyOf(explicit);
        }

        public Result(ServerConfig config, boolean help) {
            this(config, help, java.util.Set.of());
        }
    }

    /** Every key, with its help text. */
    public static final Map<String, String> KEYS = keys();

    /** Keys that may be given several times as flags, and as comma-separated lists elsewhere. */
    static final java.util.Set<String> REPEATABLE = java.util.Set.of("extension-id", "allowed-host", "allowed-origin",
            "redact-header");

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("host", "address to bind (default 127.0.0.1)");
        keys.put("port", "port to listen on; 0 picks a free one (default 3025)");
        keys.put("data-dir", "where screenshots and other data go (default ./tabrelay-data)");
        keys.put("max-frame-bytes", "largest WebSocket message in bytes; larger closes with 1009 (default 1048576)");
        keys.put("max-message-age-ms", "refuse frames whose timestamp is older/newer than this; 0 = no check (default 60000)");
        keys.put("heartbeat-interval-ms", "heartbeat interval announced to clients; silent for 2x is closed (default 30000)");
        keys.put("rate-limit", "inbound messages per second per connection; 0 = unlimited (default 100)");
        keys.put("outbound-queue", "events queued per subscriber before the oldest is dropped (default 256)");
        keys.put("logs-per-tab", "events kept per tab, newest kept (default 1000)");
        keys.put("max-tabs", "tabs with stored events, least recently written evicted (default 100)");
        keys.put("request-timeout-ms", "how long a screenshot request may take (default 10000)");
        keys.put("shutdown-grace-ms", "how long shutdown waits for sockets to flush (default 2000)");
        keys.put("chat-timeout-ms", "how long a tab may take for a whole chat answer; then 504 (default 120000)");
        keys.put("new-request-behavior", "when every suitable tab is busy: queue or drop (429) (default queue)");
        keys.put("max-queue-length", "chat requests waiting at once before 429 (default 100)");
        keys.put("chat-keepalive-ms", "a silent chat stream gets an SSE comment this often (default 15000)");
        keys.put("chat-relay-port", "also listen for the Chat Relay extension and its API on PORT (default off)");
        keys.put("browcall-ports", "also listen for Browcall: WS_PORT:API_PORT (default off)");
        keys.put("cdp-timeout-ms", "how long the extension may take for one CDP command (default 30000)");
        keys.put("annotation-timeout-ms", "how long an annotation command may take (default 120000)");
        keys.put("lease-ttl-ms", "how long an ops lease grant or renewal lasts (default 60000)");
        keys.put("lease-renew-after-ms", "when lease holders are told to renew (default 20000)");
        keys.put("lease-queue-wait-ms", "the longest wait in the ops lease queue (default 30000)");
        keys.put("tunnel-secret", "HS256 secret (>= 32 bytes) for /tunnel/{sessionId} JWTs; unset = tunnel off");
        keys.put("tunnel-audience", "the aud claim tunnel JWTs must carry (default tabrelay-tunnel)");
        keys.put("tunnel-clock-skew-ms", "leeway for JWT exp/nbf/iat (default 30000)");
        keys.put("tunnel-max-ttl-s", "longest tunnel token lifetime POST /v1/tunnel/tokens mints (default 86400)");
        keys.put("pairing", "on|off: remote peers and unconfigured extensions must present the pairing token;"
                + " off only on a loopback bind (default on)");
        keys.put("extension-id", "a chrome-extension id that counts as paired and may GET /pair; repeatable,"
                + " comma-separated in env/config (default none: any extension id, with the token)");
        keys.put("allowed-host", "another Host header value to accept (DNS-rebinding check); repeatable"
                + " (default localhost, 127.0.0.1, [::1] and the bind host)");
        keys.put("allowed-origin", "a web origin (https://host[:port]) allowed on the HTTP API, with the token;"
                + " repeatable (default none)");
        keys.put("redact-header", "another header name whose values become [REDACTED] on ingest; repeatable"
                + " (default Authorization, Cookie, Set-Cookie, Proxy-Authorization)");
        keys.put("pairing-token", "a fixed 64-hex pairing token instead of DATA_DIR/pairing-token; environment"
                + " (TABRELAY_PAIRING_TOKEN) or config file only, never a flag (default: the file)");
        return keys;
    }

    private ConfigLoader() {
    }

    public static Result load(List<String> args, Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        String configFile = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Result(null, true);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (name.equals("config")) {
                configFile = value;
            } else if (name.equals("pairing-token")) {
                throw new IllegalArgumentException("--pairing-token would show the secret to every user in ps;"
                        + " set TABRELAY_PAIRING_TOKEN or pairing-token in the config file");
            } else if (REPEATABLE.contains(name)) {
                flags.merge(name, value, (a, b) -> a + "," + b);
            } else if (KEYS.containsKey(name)) {
                flags.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        if (configFile == null) {
            configFile = env.get("TABRELAY_CONFIG");
        }
        Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(readFile(Path.of(configFile)));
        }
        for (String key : KEYS.keySet()) {
            String value = env.get(envName(key));
            if (value != null && !value.isBlank()) {
                merged.put(key, value);
            }
        }
        merged.putAll(flags);
        java.util.Set<String> explicit = new java.util.HashSet<>(flags.keySet());
        for (String key : KEYS.keySet()) {
            String value = env.get(envName(key));
            if (value != null && !value.isBlank()) {
                explicit.add(key);
            }
        }
        return new Result(build(merged), false, explicit);
    }

    public static String envName(String key) {
        return "TABRELAY_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!KEYS.containsKey(name)) {
                throw new IllegalArgumentException("unknown key '" + name + "' in " + file);
            }
            values.put(name, properties.getProperty(name).trim());
        }
        return values;
    }

    private static ServerConfig build(Map<String, String> values) {
        ServerConfig.Builder b = ServerConfig.builder();
        values.forEach((key, value) -> {
            switch (key) {
                case "host" -> b.host(value);
                case "port" -> b.port(integer(key, value));
                case "data-dir" -> b.dataDir(Path.of(value));
                case "max-frame-bytes" -> b.maxFrameBytes(integer(key, value));
                case "max-message-age-ms" -> {
                    long ms = integer(key, value);
                    b.maxMessageAge(ms == 0 ? null : Duration.ofMillis(ms));
                }
                case "heartbeat-interval-ms" -> b.heartbeatInterval(Duration.ofMillis(integer(key, value)));
                case "rate-limit" -> b.messagesPerSecond(integer(key, value));
                case "outbound-queue" -> b.outboundQueue(integer(key, value));
                case "logs-per-tab" -> b.logsPerTab(integer(key, value));
                case "max-tabs" -> b.maxTabs(integer(key, value));
                case "request-timeout-ms" -> b.requestTimeout(Duration.ofMillis(integer(key, value)));
                case "shutdown-grace-ms" -> b.shutdownGrace(Duration.ofMillis(integer(key, value)));
                case "chat-timeout-ms" -> b.chatTimeout(Duration.ofMillis(integer(key, value)));
                case "new-request-behavior" -> b.newRequestBehavior(value.trim().toLowerCase(java.util.Locale.ROOT));
                case "max-queue-length" -> b.maxQueueLength(integer(key, value));
                case "chat-keepalive-ms" -> b.chatKeepAlive(Duration.ofMillis(integer(key, value)));
                case "chat-relay-port" -> b.chatRelayPort(integer(key, value));
                case "browcall-ports" -> {
                    String[] ports = value.trim().split(":");
                    if (ports.length != 2) {
                        throw new IllegalArgumentException("browcall-ports must be WS_PORT:API_PORT, got '" + value + "'");
                    }
                    b.browcallPorts(integer(key, ports[0]), integer(key, ports[1]));
                }
                case "cdp-timeout-ms" -> b.cdpTimeout(Duration.ofMillis(integer(key, value)));
                case "annotation-timeout-ms" -> b.annotationTimeout(Duration.ofMillis(integer(key, value)));
                case "lease-ttl-ms", "lease-renew-after-ms", "lease-queue-wait-ms" -> { } // below, as one setting
                case "tunnel-secret" -> b.tunnelSecret(value.strip());
                case "tunnel-audience" -> b.tunnelAudience(value.strip());
                case "tunnel-clock-skew-ms" -> b.tunnelClockSkew(Duration.ofMillis(integer(key, value)));
                case "tunnel-max-ttl-s" -> b.tunnelMaxTtl(Duration.ofSeconds(integer(key, value)));
                case "pairing" -> b.pairing(onOff(key, value));
                case "extension-id" -> b.extensionIds(list(value));
                case "allowed-host" -> b.allowedHosts(list(value));
                case "allowed-origin" -> b.allowedOrigins(list(value));
                case "redact-header" -> b.redactHeaders(list(value));
                case "pairing-token" -> {
                    try {
                        b.pairingToken(dev.tabrelay.server.security.PairingToken.parse(value));
                    } catch (IllegalArgumentException e) {
                        // the message never echoes the value: it is a secret
                        throw new IllegalArgumentException("pairing-token (TABRELAY_PAIRING_TOKEN): " + e.getMessage());
                    }
                }
                default -> throw new IllegalArgumentException("unknown key " + key);
            }
        });
        ServerConfig.Ops defaults = ServerConfig.Ops.defaults();
        b.lease(millis(values, "lease-ttl-ms", defaults.leaseTtl()), millis(values, "lease-renew-after-ms",
                defaults.leaseRenewAfter()), millis(values, "lease-queue-wait-ms", defaults.leaseQueueWait()));
        return b.build();
    }

    private static Duration millis(Map<String, String> values, String key, Duration fallback) {
        String value = values.get(key);
        return value == null ? fallback : Duration.ofMillis(integer(key, value));
    }

    private static boolean onOff(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException(key + " must be on or off, got '" + value + "'");
        };
    }

    private static List<String> list(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
        }
    }

    public static String usage() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: tabrelay serve [options]\n       tabrelay token [--rotate] [options]\n\n")
                .append("Runs the TabRelay relay server: browser extensions connect to /extension-ws, MCP clients to\n")
                .append("/mcp-ws; HTTP API under /v1, health at /health, BrowserTools-compatible endpoints at /.\n\n")
                .append("Options (each also as environment variable TABRELAY_<NAME> and as a key in the config file):\n")
                .append(String.format("  %-28s %s%n", "--config FILE", "Java properties file with the keys below (env TABRELAY_CONFIG)"));
        KEYS.forEach((key, help) -> text.append(String.format("  %-28s %s%n",
                key.equals("pairing-token") ? envName(key) : "--" + key + " VALUE", help)));
        text.append(String.format("  %-28s %s%n", "token [--rotate]", "do not serve: print the pairing token (creating it), or replace it first"))
                .append(String.format("  %-28s %s%n", "--healthcheck", "do not serve: GET /health of the server these options describe, exit 0 if 200 else 1"))
                .append(String.format("  %-28s %s%n", "--help", "show this help"))
                .append("\nPrecedence: flags > environment > DATA_DIR/server-config.json (settings saved by the admin API)\n")
                .append("  > config file > defaults.\n")
                .append("On start the server prints one line per listener to stdout, the main one first:\n")
                .append("  listening on http://HOST:PORT (NAME)\n");
        return text.toString();
    }
}
