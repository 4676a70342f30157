package dev.tabrelay.client;

import java.util.List;
import java.util.Map;

/**
 * An MCP-side client on {@code /mcp-ws}: receives typed tab events (all of them, until it
 * {@linkplain #subscribe subscribes} with a filter), requests screenshots and clears logs. Its subscription is
 * restored after every reconnect.
 *
 * <pre>{@code
 * try (McpClient mcp = McpClient.builder().serverUrl(url)
 *         .on(ConsoleError.class, e -> System.err.println(e.tabId() + ": " + e.data().message())).build()) {
 *     mcp.connect().join();
 *     Screenshot shot = mcp.requestScreenshot(Target.tab("tab-1")).join();
 * }
 * }</pre>
 */
public final class McpClient extends EventClientBase {

    private McpClient(Builder builder) {
        super(builder.settings("mcp", "/mcp-ws", List.of("tabrelay-mcp-v1"), Map::of, Map.of()), builder);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link McpClient} (clientType {@code mcp-server}, subprotocol {@code tabrelay-mcp-v1}). */
    public static final class Builder extends EventClientBuilder<Builder> {
        private Builder() {
            super("mcp-server");
        }

        @Override
        Builder self() {
            return this;
        }

        public McpClient build() {
            return new McpClient(this);
        }
    }
}
