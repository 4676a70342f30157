package dev.tabrelay.server.tunnel;

import dev.tabrelay.server.connection.Admission;
import dev.tabrelay.server.connection.UpgradeGate;
import dev.tabrelay.server.ops.PairingCheck;
import dev.tabrelay.server.tabs.TabDirectory;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.Status;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The upgrade check of {@code /tunnel/{sessionId}} (seed 002): the {@code rapidtriage-tunnel-v1} subprotocol must
 * be offered (400 otherwise) and a Bearer JWT must verify and name the path's session in {@code sub} — a missing,
 * invalid, expired or foreign token opens the socket only to close it at once with 1008 and the reason (what a
 * browser client can see; clients treat 1008 as final, so a bad token never turns into a reconnect loop) — and
 * that session must be connected (404).
 */
public final class TunnelGate implements UpgradeGate {

    public static final String SUBPROTOCOL = "rapidtriage-tunnel-v1";
    static final String PREFIX = "/tunnel/";
    private static final HeaderName SEC_WS_PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");
    private static final HeaderName SESSION_HEADER = HeaderNames.create("X-Session-ID");

    private final Jwt jwt;
    private final String audience;
    private final Duration skew;
    private final Clock clock;
    private final TabDirectory tabs;

    public TunnelGate(Jwt jwt, String audience, Duration skew, Clock clock, TabDirectory tabs) {
        this.jwt = jwt;
        this.audience = audience;
        this.skew = skew;
        this.clock = clock;
        this.tabs = tabs;
    }

    @Override
    public Admission admit(HttpPrologue prologue, Headers headers) {
        String path = prologue.uriPath().path();
        String sessionId = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        if (sessionId.isEmpty() || sessionId.contains("/")) {
            throw refuse(Status.NOT_FOUND_404, "the tunnel path is /tunnel/{sessionId}");
        }
        boolean offered = headers.values(SEC_WS_PROTOCOL).stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).anyMatch(SUBPROTOCOL::equals);
        if (!offered) {
            throw refuse(Status.BAD_REQUEST_400, "the tunnel needs the " + SUBPROTOCOL + " subprotocol");
        }
        Optional<String> sessionHeader = headers.first(SESSION_HEADER);
        if (sessionHeader.isPresent() && !sessionHeader.get().equals(sessionId)) {
            throw refuse(Status.BAD_REQUEST_400, "X-Session-ID does not match the path's session");
        }
        Optional<String> token = PairingCheck.bearer(headers);
        if (token.isEmpty()) {
            return Admission.refused("missing bearer token: send Authorization: Bearer <jwt>");
        }
        Jwt.Claims claims;
        try {
            claims = jwt.verify(token.get(), audience, clock.instant(), skew);
        } catch (Jwt.Invalid e) {
            return Admission.refused("invalid tunnel token (" + e.code() + "): " + e.getMessage());
        }
        if (!claims.sub().equals(sessionId)) {
            return Admission.refused("invalid tunnel token (wrong-session): it opens another session");
        }
        if (!tabs.has(sessionId)) {
            throw refuse(Status.NOT_FOUND_404, "no session " + sessionId + " is connected");
        }
        return new Admission(true, sessionId);
    }

    private static RequestException refuse(Status status, String why) {
        return PairingCheck.refuse(status, why);
    }
}
