package dev.tabrelay.server.ops;

import dev.tabrelay.server.http.Json;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/leases}: who holds the ops lease, until when, and who waits; lease ids are not shown. */
public final class LeaseRoutes {

    private final LeaseManager leases;
    private final Json json;
    private final Clock clock;

    public LeaseRoutes(LeaseManager leases, Json json, Clock clock) {
        this.leases = leases;
        this.json = json;
        this.clock = clock;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/v1/leases", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        LeaseManager.Snapshot snapshot = leases.snapshot();
        long now = clock.millis();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("holder", snapshot.holder().map(h -> {
            Map<String, Object> holder = new LinkedHashMap<>();
            holder.put("connectionId", h.connectionId());
            holder.put("clientId", h.clientId());
            holder.put("grantedAt", h.grantedAt());
            holder.put("expiresAt", h.expiresAt());
            holder.put("expiresInMs", Math.max(0, h.expiresAt() - now));
            return (Object) holder;
        }).orElse(null));
        List<Object> queue = new ArrayList<>();
        int position = 1;
        for (LeaseManager.Waiting w : snapshot.queue()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("position", position++);
            entry.put("connectionId", w.connectionId());
            entry.put("clientId", w.clientId());
            entry.put("queuedAt", w.queuedAt());
            entry.put("waitUntil", w.waitUntil());
            queue.add(entry);
        }
        body.put("queue", queue);
        LeaseSettings settings = leases.settings();
        body.put("settings", Map.of("ttlMs", settings.ttl().toMillis(), "renewAfterMs", settings.renewAfter().toMillis(),
                "queueWaitMs", settings.queueWait().toMillis()));
        json.send(res, body);
    }
}
