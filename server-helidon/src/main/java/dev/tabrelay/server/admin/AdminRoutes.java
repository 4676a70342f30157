package dev.tabrelay.server.admin;

import dev.tabrelay.server.connection.ConnectionKind;
import dev.tabrelay.server.http.HttpErrors;
import dev.tabrelay.server.http.Json;
import dev.tabrelay.server.session.WindowSession;
import dev.tabrelay.server.tabs.TabsView;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code /v1/admin/*}: server info, settings (validated, persisted, applied at once; the port on restart),
 * the message history and the in-process restart. No authentication yet (a later issue adds tokens): the
 * server binds to loopback by default, and state-changing calls from another origin are refused so a web page
 * cannot change settings through the user's browser.
 */
public final class AdminRoutes {

    public static final int DEFAULT_HISTORY_PAGE = 100;

    private static final System.Logger LOG = System.getLogger(AdminRoutes.class.getName());

    private final AdminContext admin;
    private final LiveServer server;
    private final Json json;
    private final HttpErrors errors;
    private final Clock clock;

    public AdminRoutes(AdminContext admin, LiveServer server, Json json, HttpErrors errors, Clock clock) {
        this.admin = admin;
        this.server = server;
        this.json = json;
        this.errors = errors;
        this.clock = clock;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/v1/admin/server-info", this::serverInfo)
                .post("/v1/admin/update-settings", this::updateSettings)
                .get("/v1/admin/message-history", this::messageHistory)
                .post("/v1/admin/restart-server", this::restart);
    }

    private void serverInfo(ServerRequest req, ServerResponse res) {
        AdminSettings settings = admin.settings().get();
        long now = clock.millis();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", server.version());
        body.put("host", server.host());
        body.put("port", server.port().getAsInt());
        body.put("configuredPort", settings.port());
        body.put("restartRequired", settings.port() != server.requestedPort());
        settings.toMap().forEach((key, value) -> {
            if (!key.equals("port")) { // the listening port is "port"; the setting is "configuredPort"
                body.put(key, value);
            }
        });
        body.put("settingsFile", admin.settings().store().file().toAbsolutePath().toString());
        Map<String, Object> connections = new LinkedHashMap<>();
        server.connections().countByKind().forEach((kind, count) -> connections.put(kind.label(), count));
        connections.put("total", server.connections().size());
        body.put("connections", connections);
        body.put("connectedExtensionsCount", server.connections().countByKind().getOrDefault(ConnectionKind.EXTENSION, 0));
        List<Object> extensions = extensions();
        body.put("extensions", extensions);
        body.put("tabsCount", server.tabs().snapshot().stream().mapToInt(s -> Math.max(s.tabs().size(),
                s.defaultTabId() == null ? 0 : 1)).sum());
        body.put("sessions", sessions());
        body.put("queueLength", server.router().queued());
        body.put("activeRequests", server.router().runningCount());
        body.put("historySize", admin.history().size());
        body.put("startedAt", admin.startedAt());
        body.put("listenerStartedAt", server.startedAt());
        body.put("uptimeMs", now - admin.startedAt());
        body.put("uptimeSeconds", (now - admin.startedAt()) / 1000);
        json.send(res, body);
    }

    private List<Object> extensions() {
        return TabsView.extensions(server.tabs().snapshot(), tabId -> server.router().busy(tabId));
    }

    private List<Object> sessions() {
        List<Object> list = new ArrayList<>();
        for (WindowSession session : server.sessions().all()) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("tabId", session.tabId());
            value.put("sessionId", session.sessionId());
            value.put("apiPort", session.apiPort());
            value.put("socketPort", session.socketPort());
            value.put("createdAt", session.createdAt());
            value.put("busy", server.sessions().busy(session.tabId()));
            list.add(value);
        }
        return list;
    }

    private void updateSettings(ServerRequest req, ServerResponse res) {
        SettingsPatch patch;
        try {
            patch = SettingsPatch.parse(json.readObject(req));
        } catch (Json.BadRequest | InvalidSettingsException e) {
            errors.badRequest(res, e.getMessage());
            return;
        }
        if (patch.isEmpty()) {
            errors.badRequest(res, "no settings given; known settings: " + String.join(", ", SettingsPatch.FIELDS));
            return;
        }
        LiveSettings.Update update;
        try {
            update = admin.settings().update(patch);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot save " + admin.settings().store().file(), e);
            errors.serverError(res, "the settings were not changed: cannot save "
                    + admin.settings().store().file().toAbsolutePath() + ": " + e.getMessage());
            return;
        }
        AdminSettings now = update.now();
        // Live at once; the port only on restart.
        server.chatPolicy().set(now.chatPolicy());
        admin.history().resize(now.historyLimit());
        boolean restartRequired = now.port() != server.requestedPort();
        if (!update.changed().isEmpty()) {
            admin.recorder().server(HistoryType.SETTINGS_UPDATED, describe(update));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message(update, restartRequired));
        body.put("changed", update.changed());
        body.put("restartRequired", restartRequired);
        body.put("settings", now.toMap());
        body.put("settingsFile", admin.settings().store().file().toAbsolutePath().toString());
        json.send(res, body);
    }

    private static String describe(LiveSettings.Update update) {
        Map<String, Object> before = update.before().toMap();
        Map<String, Object> now = update.now().toMap();
        return update.changed().stream().map(key -> key + ": " + before.get(key) + " -> " + now.get(key))
                .collect(Collectors.joining(", "));
    }

    private static String message(LiveSettings.Update update, boolean restartRequired) {
        if (update.changed().isEmpty()) {
            return "No setting changed.";
        }
        List<String> live = update.changed().stream().filter(k -> !k.equals("port")).toList();
        StringBuilder text = new StringBuilder("Saved.");
        if (!live.isEmpty()) {
            text.append(" Effective now: ").append(String.join(", ", live)).append('.');
        }
        if (update.changed().contains("port")) {
            text.append(restartRequired ? " The port changes on restart (POST /v1/admin/restart-server)."
                    : " The port already matches the listening port.");
        }
        return text.toString();
    }

    private void messageHistory(ServerRequest req, ServerResponse res) {
        int limit;
        try {
            limit = limit(req.query().first("limit").orElse(null));
        } catch (Json.BadRequest e) {
            errors.badRequest(res, e.getMessage());
            return;
        }
        Optional<String> requestId = req.query().first("requestId").filter(s -> !s.isBlank());
        Set<String> types = req.query().first("type").filter(s -> !s.isBlank())
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).collect(Collectors.toSet())).orElse(Set.of());
        Predicate<HistoryEntry> filter = entry -> (requestId.isEmpty() || requestId.get().equals(entry.requestId()))
                && (types.isEmpty() || types.contains(entry.type().name()));
        List<Object> data = new ArrayList<>();
        admin.history().newest(limit, filter).forEach(entry -> data.add(entry.toMap()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data);
        body.put("size", admin.history().size());
        body.put("capacity", admin.history().capacity());
        body.put("recordMessageText", admin.settings().get().recordMessageText());
        json.send(res, body);
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_HISTORY_PAGE;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= SettingsPatch.MAX_HISTORY) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Json.BadRequest("limit must be a whole number from 1 to " + SettingsPatch.MAX_HISTORY + ", got '" + value + "'");
    }

    private void restart(ServerRequest req, ServerResponse res) {
        int port = admin.settings().get().port();
        // Claim the restart first (so a second request sees BUSY), answer, and only then let it run.
        switch (admin.restarter().claim()) {
            case STARTED -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("restarting", true);
                body.put("port", port);
                body.put("message", "Restarting the listeners on port " + port
                        + "; requests in flight fail with 503 (code shutdown), extensions reconnect.");
                json.send(res, Status.ACCEPTED_202, body);
                admin.restarter().begin();
            }
            case BUSY -> errors.send(res, Status.CONFLICT_409, "invalid_request_error", "restart-in-progress",
                    "a restart is already under way");
            case UNAVAILABLE -> errors.send(res, Status.NOT_IMPLEMENTED_501, "server_error", "restart-unavailable",
                    "this server was started without a runtime that can restart it");
        }
    }

}
