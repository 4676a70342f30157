package dev.tabrelay.server.http;

import dev.tabrelay.protocol.events.ImageDimensions;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.server.connection.ConnectionKind;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.connection.PendingRequests;
import dev.tabrelay.server.connection.RequestFailure;
import dev.tabrelay.server.events.EventPage;
import dev.tabrelay.server.events.EventStore;
import dev.tabrelay.server.events.LogQuery;
import dev.tabrelay.server.events.StoredEvent;
import dev.tabrelay.server.tabs.ScreenshotService;
import dev.tabrelay.server.tabs.TabDirectory;
import dev.tabrelay.server.tabs.TabsView;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.IntSupplier;

/** The TabRelay HTTP API: health, tabs, log queries and screenshots. */
public final class ApiRoutes {

    /**
     * Facts for {@code /health} that only the wiring knows; the chat counts come from the chat router, which
     * this package does not know.
     */
    public record ServerFacts(String version, long startedAt, IntSupplier chatQueued, IntSupplier chatRunning) {
    }

    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;

    private final ServerFacts facts;
    private final ConnectionRegistry registry;
    private final TabDirectory tabs;
    private final EventStore store;
    private final PendingRequests pending;
    private final ScreenshotService screenshots;
    private final Json json;
    private final HttpErrors errors;
    private final FrameValues frames;
    private final Clock clock;

    public ApiRoutes(ServerFacts facts, ConnectionRegistry registry, TabDirectory tabs, EventStore store,
                     PendingRequests pending, ScreenshotService screenshots, Json json, HttpErrors errors,
                     FrameValues frames, Clock clock) {
        this.facts = facts;
        this.registry = registry;
        this.tabs = tabs;
        this.store = store;
        this.pending = pending;
        this.screenshots = screenshots;
        this.json = json;
        this.errors = errors;
        this.frames = frames;
        this.clock = clock;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/health", this::health)
                .get("/v1/tabs", this::tabs)
                .get("/v1/logs", this::logs)
                .delete("/v1/logs", this::clearLogs)
                .post("/v1/tabs/{tabId}/screenshot", this::screenshot);
    }

    private void health(ServerRequest req, ServerResponse res) {
        Map<String, Object> connections = new LinkedHashMap<>();
        registry.countByKind().forEach((kind, count) -> connections.put(kind.label(), count));
        connections.put("total", registry.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("version", facts.version());
        body.put("uptimeMs", clock.millis() - facts.startedAt());
        body.put("connections", connections);
        body.put("tabs", tabs.tabCount());
        body.put("pendingRequests", pending.size());
        body.put("storedEvents", store.size());
        body.put("droppedEvents", registry.ofKind(ConnectionKind.MCP).stream().mapToLong(c -> c.droppedEvents()).sum());
        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("queueLength", facts.chatQueued().getAsInt());
        chat.put("activeRequests", facts.chatRunning().getAsInt());
        body.put("chat", chat);
        json.send(res, body);
    }

    private void tabs(ServerRequest req, ServerResponse res) {
        json.send(res, Map.of("extensions", TabsView.extensions(tabs.snapshot(), null)));
    }

    private void logs(ServerRequest req, ServerResponse res) {
        try {
            int limit = intParam(req, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
            Long since = longParam(req, "since");
            Long cursor = longParam(req, "cursor");
            LogQuery query = new LogQuery(param(req, "tabId"), param(req, "sessionId"), typesParam(req),
                    param(req, "level"), since, cursor, limit, null);
            EventPage page = store.query(query);
            List<Object> data = new ArrayList<>();
            for (StoredEvent event : page.items()) {
                Map<String, Object> value = frames.of(event.message());
                value.put("seq", event.seq());
                data.add(value);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("object", "list");
            body.put("data", data);
            body.put("hasMore", page.nextCursor() != null);
            body.put("nextCursor", page.nextCursor() == null ? null : Long.toString(page.nextCursor()));
            json.send(res, body);
        } catch (Json.BadRequest e) {
            errors.badRequest(res, e.getMessage());
        }
    }

    private void clearLogs(ServerRequest req, ServerResponse res) {
        int cleared = store.clear(param(req, "tabId"));
        json.send(res, Map.of("status", "ok", "cleared", cleared));
    }

    private void screenshot(ServerRequest req, ServerResponse res) {
        String tabId = req.path().pathParameters().get("tabId");
        ScreenshotRequest request;
        try {
            Map<String, Object> body = json.readObject(req);
            request = new ScreenshotRequest(str(body.get("format"), "png"),
                    body.get("quality") instanceof Number n ? n.intValue() : null,
                    Boolean.TRUE.equals(body.get("fullPage")), str(body.get("selector"), null));
        } catch (Json.BadRequest e) {
            errors.badRequest(res, e.getMessage());
            return;
        }
        ScreenshotService.Capture capture;
        try {
            capture = screenshots.capture(tabId, param(req, "sessionId"), request).get();
        } catch (ExecutionException e) {
            errors.requestFailed(res, RequestFailure.of(e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.requestFailed(res, new RequestFailure(RequestFailure.SHUTDOWN, "interrupted"));
            return;
        }
        Images.Decoded image;
        try {
            image = Images.decode(capture.response().base64(), request.format());
        } catch (IllegalArgumentException e) {
            errors.send(res, Status.BAD_GATEWAY_502, "server_error", "bad-image", e.getMessage());
            return;
        }
        if (wantsJson(req)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sessionId", capture.sessionId());
            body.put("tabId", capture.tabId());
            body.put("url", capture.url());
            body.put("mimeType", image.mimeType());
            body.put("size", image.bytes().length);
            ImageDimensions dims = capture.response().dimensions();
            body.put("dimensions", dims == null ? null : Map.of("width", dims.width(), "height", dims.height()));
            body.put("base64", java.util.Base64.getEncoder().encodeToString(image.bytes()));
            json.send(res, body);
        } else {
            res.header(HeaderNames.CONTENT_TYPE, image.mimeType()).send(image.bytes());
        }
    }

    private static boolean wantsJson(ServerRequest req) {
        if ("json".equalsIgnoreCase(param(req, "format")) || "base64".equalsIgnoreCase(param(req, "format"))) {
            return true;
        }
        return req.headers().first(HeaderNames.ACCEPT).map(a -> a.contains("application/json")).orElse(false);
    }

    private static String str(Object value, String fallback) {
        return value instanceof String s ? s : fallback;
    }

    static String param(ServerRequest req, String name) {
        if (!req.query().contains(name)) {
            return null;
        }
        String value = req.query().get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static Set<String> typesParam(ServerRequest req) {
        String value = param(req, "type");
        if (value == null) {
            return null;
        }
        return new LinkedHashSet<>(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    static int intParam(ServerRequest req, String name, int fallback, int min, int max) {
        String value = param(req, name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new Json.BadRequest("'" + name + "' must be between " + min + " and " + max + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new Json.BadRequest("'" + name + "' must be a whole number, got '" + value + "'");
        }
    }

    private static Long longParam(ServerRequest req, String name) {
        String value = param(req, name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Json.BadRequest("'" + name + "' must be a whole number, got '" + value + "'");
        }
    }
}
