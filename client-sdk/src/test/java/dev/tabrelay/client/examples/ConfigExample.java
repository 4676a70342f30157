package dev.tabrelay.client.examples;

import dev.tabrelay.client.Backoff;
import dev.tabrelay.client.ConnectionListener;
import dev.tabrelay.client.ConnectionState;
import dev.tabrelay.client.McpClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** README example: the options every socket role shares. */
public final class ConfigExample {

    private ConfigExample() {
    }

    public static List<ConnectionState> run(String relayUrl) {
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        // [snippet]
        McpClient mcp = McpClient.builder()
                .serverUrl(relayUrl)
                .backoff(Backoff.exponential()                  // 1 s, 2 s, 4 s ... ±20 %, 5 tries
                        .withMaxAttempts(10).withMaxDelay(Duration.ofSeconds(20)))   // Backoff.none(): no reconnect
                .requestTimeout(Duration.ofSeconds(10))          // per call; overloads take their own
                .pingInterval(Duration.ofSeconds(15))            // WebSocket pings; heartbeats follow connection-ack
                .messagesPerSecond(100)                          // outbound throttle: queues, never drops
                .maxQueuedMessages(1000)                         // then sends fail with code "queue-full"
                .listener(new ConnectionListener() {
                    @Override
                    public void onStateChanged(ConnectionState state, Throwable cause) {
                        states.add(state);                       // CONNECTING, OPEN, RECONNECTING, ..., CLOSED
                    }
                })
                .build();
        try (mcp) {
            mcp.connect().join();
        }                                                        // close: 1000, no threads left behind
        // [/snippet]
        return states;
    }
}
