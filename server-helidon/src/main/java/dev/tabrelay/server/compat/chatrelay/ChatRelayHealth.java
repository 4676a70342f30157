package dev.tabrelay.server.compat.chatrelay;

import dev.tabrelay.server.http.Json;
import io.helidon.webserver.http.HttpRouting;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * {@code GET /health} in the Chat Relay server's shape. The extension fetches it before every connection
 * attempt and opens its WebSocket only after a 2xx JSON answer.
 */
public final class ChatRelayHealth {

    private final Json json;
    private final Clock clock;
    private final IntSupplier extensions;

    /** @param extensions how many Chat Relay extensions are connected to this listener */
    public ChatRelayHealth(Json json, Clock clock, IntSupplier extensions) {
        this.json = json;
        this.clock = clock;
        this.extensions = extensions;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/health", (req, res) -> {
            int count = extensions.getAsInt();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ok");
            body.put("timestamp", Instant.ofEpochMilli(clock.millis()).toString());
            body.put("activeBrowserConnections", count);
            body.put("totalTrackedBrowserConnections", count);
            body.put("webSocketServerState", "listening");
            json.send(res, body);
        });
    }
}
