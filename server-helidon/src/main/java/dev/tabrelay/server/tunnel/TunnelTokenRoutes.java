package dev.tabrelay.server.tunnel;

import dev.tabrelay.server.http.HttpErrors;
import dev.tabrelay.server.http.Json;
import dev.tabrelay.server.ops.PairingCheck;
import dev.tabrelay.server.tabs.TabDirectory;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /v1/tunnel/tokens {"sessionId","ttlSeconds"}}: mints a tunnel JWT for a connected session, for
 * whoever holds the pairing token ({@code Authorization: Bearer <pairing token>}). With pairing off nobody
 * can mint (403): a tunnel is remote access, it is never handed out unauthenticated.
 */
public final class TunnelTokenRoutes {

    static final long DEFAULT_TTL_SECONDS = 3600;

    private final Optional<Jwt> jwt;
    private final PairingCheck pairing;
    private final TabDirectory tabs;
    private final String audience;
    private final Duration maxTtl;
    private final Json json;
    private final HttpErrors errors;
    private final Clock clock;

    /** @param jwt empty when the tunnel is off (no secret configured) */
    public TunnelTokenRoutes(Optional<Jwt> jwt, PairingCheck pairing, TabDirectory tabs, String audience,
                             Duration maxTtl, Json json, HttpErrors errors, Clock clock) {
        this.jwt = jwt;
        this.pairing = pairing;
        this.tabs = tabs;
        this.audience = audience;
        this.maxTtl = maxTtl;
        this.json = json;
        this.errors = errors;
        this.clock = clock;
    }

    public void register(HttpRouting.Builder routing) {
        routing.post("/v1/tunnel/tokens", this::mint);
    }

    private void mint(ServerRequest req, ServerResponse res) {
        if (jwt.isEmpty()) {
            errors.notFound(res, "the tunnel is disabled; start the relay with --tunnel-secret (or TABRELAY_TUNNEL_SECRET)");
            return;
        }
        if (!pairing.enabled()) {
            errors.send(res, Status.FORBIDDEN_403, "permission_error", "pairing-disabled",
                    "tunnel tokens are minted only for the pairing-token holder; turn pairing on (--pairing-token)");
            return;
        }
        Optional<String> presented = PairingCheck.bearer(req.headers());
        if (presented.isEmpty() || !pairing.matches(presented.get())) {
            res.header("WWW-Authenticate", "Bearer");
            errors.send(res, Status.UNAUTHORIZED_401, "authentication_error", "unauthorized",
                    presented.isEmpty() ? "send the pairing token as Authorization: Bearer <token>" : "invalid pairing token");
            return;
        }
        Map<String, Object> body = json.readObject(req);
        if (!(body.get("sessionId") instanceof String sessionId) || sessionId.isBlank()) {
            errors.badRequest(res, "sessionId (a string: the extension session, as in connection-ack) is required");
            return;
        }
        long ttl = DEFAULT_TTL_SECONDS;
        Object ttlValue = body.get("ttlSeconds");
        if (ttlValue != null) {
            if (!(ttlValue instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue())
                    || n.longValue() < 1 || n.longValue() > maxTtl.toSeconds()) {
                errors.badRequest(res, "ttlSeconds must be a whole number from 1 to " + maxTtl.toSeconds());
                return;
            }
            ttl = ((Number) ttlValue).longValue();
        }
        if (!tabs.has(sessionId)) {
            errors.notFound(res, "no session " + sessionId + " is connected");
            return;
        }
        long now = clock.instant().getEpochSecond();
        String token = jwt.get().sign(new Jwt.Claims(sessionId, audience, now + ttl, null, now,
                UUID.randomUUID().toString()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", token);
        out.put("tokenType", "Bearer");
        out.put("sessionId", sessionId);
        out.put("audience", audience);
        out.put("expiresAt", now + ttl);
        out.put("expiresIn", ttl);
        out.put("path", "/tunnel/" + sessionId);
        out.put("subprotocol", TunnelGate.SUBPROTOCOL);
        json.send(res, Status.CREATED_201, out);
    }
}
