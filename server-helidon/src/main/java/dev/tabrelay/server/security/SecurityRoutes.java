package dev.tabrelay.server.security;

import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.ConnectionKind;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.http.HttpErrors;
import dev.tabrelay.server.http.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Discovery and pairing: {@code GET /config}, {@code GET /status} (both token-free), {@code GET /pair} (the
 * token, for configured extension ids only: {@link HttpGuard} has checked that) and
 * {@code POST /v1/admin/rotate-token}. Every answer is {@code Cache-Control: no-store}.
 */
public final class SecurityRoutes {

    /**
     * Who this relay is: a new {@code instanceId} and {@code epoch} (start time) per server generation, so an
     * extension can tell that the relay it paired with restarted.
     */
    public record Identity(String instanceId, long epoch, String version) {
    }

    private final AccessPolicy policy;
    private final PairingTokenStore tokens;
    private final Identity identity;
    private final IntSupplier port;
    private final ConnectionRegistry registry;
    private final Json json;
    private final HttpErrors errors;

    public SecurityRoutes(AccessPolicy policy, PairingTokenStore tokens, Identity identity, IntSupplier port,
                          ConnectionRegistry registry, Json json, HttpErrors errors) {
        this.policy = policy;
        this.tokens = tokens;
        this.identity = identity;
        this.port = port;
        this.registry = registry;
        this.json = json;
        this.errors = errors;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/config", this::config)
                .get("/status", this::status)
                .get("/pair", this::pair)
                .post("/v1/admin/rotate-token", this::rotate);
    }

    private void config(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("relayPort", port.getAsInt());
        body.put("pairingRequired", policy.pairingRequired());
        body.put("instanceId", identity.instanceId());
        body.put("epoch", identity.epoch());
        send(res, Status.OK_200, body);
    }

    private void status(ServerRequest req, ServerResponse res) {
        List<Connection> extensions = registry.ofKind(ConnectionKind.EXTENSION);
        long paired = extensions.stream().filter(Connection::isAuthenticated).count();
        int mcp = registry.ofKind(ConnectionKind.MCP).size();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("ok", true);
        health.put("reason", paired > 0 ? "ok" : "no_extension");
        health.put("extensionConnected", paired > 0);
        health.put("pairingRequired", policy.pairingRequired());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instanceId", identity.instanceId());
        body.put("epoch", identity.epoch());
        body.put("version", identity.version());
        body.put("running", true);
        body.put("port", port.getAsInt());
        body.put("pairingRequired", policy.pairingRequired());
        body.put("extensionConnected", paired > 0);
        body.put("extensions", paired);
        body.put("extensionsAwaitingHandshake", extensions.size() - paired);
        body.put("mcpClients", mcp);
        body.put("health", health);
        body.put("lastHandshakeError", policy.lastHandshakeError().map(e -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", e.code());
            error.put("message", e.message());
            error.put("at", e.at());
            return error;
        }).orElse(null));
        send(res, Status.OK_200, body);
    }

    private void pair(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", tokens.current().hex());
        body.put("instanceId", identity.instanceId());
        body.put("epoch", identity.epoch());
        send(res, Status.OK_200, body);
    }

    private void rotate(ServerRequest req, ServerResponse res) {
        if (tokens.isFixed()) {
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            errors.send(res, Status.CONFLICT_409, "invalid_request_error", "token-fixed",
                    "the pairing token is set by TABRELAY_PAIRING_TOKEN (or the config file); change it there");
            return;
        }
        PairingToken token = tokens.rotate();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rotated", true);
        body.put("token", token.hex());
        body.put("file", tokens.file().toAbsolutePath().toString());
        send(res, Status.OK_200, body);
    }

    private void send(ServerResponse res, Status status, Map<String, Object> body) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        json.send(res, status, body);
    }
}
