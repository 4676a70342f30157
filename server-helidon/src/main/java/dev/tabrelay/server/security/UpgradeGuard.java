package dev.tabrelay.server.security;

import dev.tabrelay.server.connection.Admission;
import dev.tabrelay.server.connection.UpgradeGate;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.Status;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The policy at a WebSocket upgrade: a refusal becomes the upgrade's HTTP status (403, 401, 429 + Retry-After). */
public final class UpgradeGuard implements UpgradeGate {

    /** The header that carries why an upgrade was refused. */
    public static final String ERROR_HEADER = "X-TabRelay-Error";

    private final AccessPolicy policy;
    private final EndpointKind kind;

    public UpgradeGuard(AccessPolicy policy, EndpointKind kind) {
        this.policy = policy;
        this.kind = kind;
    }

    @Override
    public Admission admit(HttpPrologue prologue, Headers headers) {
        AccessPolicy.Verdict verdict = policy.decide(kind, facts(prologue, headers));
        if (!verdict.allowed()) {
            throw refusal(verdict.refusal());
        }
        return new Admission(verdict.authenticated(), null);
    }

    /** The facts of an upgrade; the peer comes from {@link PeerStampingUpgrader} (absent = treated as remote). */
    public static RequestFacts facts(HttpPrologue prologue, Headers headers) {
        String token = prologue.query().contains("token") ? prologue.query().get("token") : null;
        return new RequestFacts(prologue.uriPath().path(), peer(headers.first(PeerStampingUpgrader.PEER).orElse(null)),
                headers.first(HeaderNames.HOST).orElse(null), headers.first(HeaderNames.ORIGIN).orElse(null),
                headers.first(HeaderNames.AUTHORIZATION).orElse(null), token);
    }

    /** The exception that makes Helidon answer the upgrade with the refusal's status. */
    public static RequestException refusal(Refusal refusal) {
        RequestException.Builder builder = RequestException.builder()
                .type(refusal.status() == 403 ? DirectHandler.EventType.FORBIDDEN : DirectHandler.EventType.OTHER)
                .status(Status.create(refusal.status()))
                .message(refusal.code() + ": " + refusal.message())
                .safeMessage(true);
        // Helidon answers a refused upgrade without a body: the reason travels in a header (one name for every gate).
        String reason = refusal.message().replace('\r', ' ').replace('\n', ' ');
        builder.header(HeaderValues.create(ERROR_HEADER, reason));
        if (refusal.status() == 401) {
            builder.header(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\""
                    + reason.replace('"', '\'') + "\""));
        }
        if (refusal.retryAfterSeconds() > 0) {
            builder.header(HeaderValues.create(HeaderNames.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds())));
        }
        return builder.build();
    }

    private static InetAddress peer(String literal) {
        // Only ever an address literal written by the upgrader; anything else is refused here, so no DNS lookup.
        if (literal == null || !literal.matches("[0-9a-fA-F.:%]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
