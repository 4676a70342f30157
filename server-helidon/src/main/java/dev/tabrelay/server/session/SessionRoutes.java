package dev.tabrelay.server.session;

import dev.tabrelay.server.http.Json;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/sessions}: every ConnectWindow session with its busy state. */
public final class SessionRoutes {

    private final SessionRegistry sessions;
    private final Json json;

    public SessionRoutes(SessionRegistry sessions, Json json) {
        this.sessions = sessions;
        this.json = json;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/v1/sessions", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<Object> data = new ArrayList<>();
        for (WindowSession session : sessions.all()) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("tabId", session.tabId());
            value.put("sessionId", session.sessionId());
            value.put("apiPort", session.apiPort());
            value.put("socketPort", session.socketPort());
            value.put("createdAt", session.createdAt());
            value.put("busy", sessions.busy(session.tabId()));
            data.add(value);
        }
        json.send(res, Map.of("object", "list", "data", data));
    }
}
