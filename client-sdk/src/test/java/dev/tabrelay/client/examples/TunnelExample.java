package dev.tabrelay.client.examples;

import dev.tabrelay.client.TunnelClient;

/** README example: reach one session remotely through the tunnel. */
public final class TunnelExample {

    private TunnelExample() {
    }

    public static String run(String relayUrl, String sessionId, String jwt) {
        // [snippet]
        try (TunnelClient tunnel = TunnelClient.builder()
                .serverUrl(relayUrl)                 // e.g. wss://relay.example.com
                .sessionId(sessionId)                // connects to /tunnel/{sessionId}
                .token(() -> jwt)                    // Authorization: Bearer <jwt>, asked for at every reconnect
                .build()) {
            tunnel.connect().join();                 // a refused token closes the client: no retry loop
            return tunnel.heartbeat().join().status();   // then the same API as McpClient
        }
        // [/snippet]
    }
}
