package dev.tabrelay.client.http;

import java.util.Map;

/** {@code GET /health}: status, version, uptime, open connections by kind (plus {@code total}) and counters. */
public record Health(String status, String version, Long uptimeMs, Map<String, Integer> connections, Integer tabs,
                     Integer pendingRequests, Long storedEvents, Long droppedEvents) {

    public boolean ok() {
        return "ok".equalsIgnoreCase(status);
    }
}
