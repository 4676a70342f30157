package dev.tabrelay.server.connection;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;

/**
 * An endpoint's check of the WebSocket upgrade request (origin and host policy, credentials, required
 * subprotocol). It runs before the socket exists, so a refusal is an HTTP status the client sees as terminal,
 * never a reconnect loop.
 */
@FunctionalInterface
public interface UpgradeGate {

    /** Admits everyone, authenticated (embedded use without a policy). */
    UpgradeGate OPEN = (prologue, headers) -> new Admission(true, null);

    /**
     * @return what the request proved; {@code authenticated} false means admitted, but the socket must still
     * authenticate in its handshake before it counts for anything
     * @throws io.helidon.http.RequestException to refuse the upgrade (401, 403, 404, 429 ...)
     */
    Admission admit(HttpPrologue prologue, Headers headers);

    /** This check, then {@code next}; {@code next}'s admission is the result (for example the tunnel's scope). */
    default UpgradeGate then(UpgradeGate next) {
        return (prologue, headers) -> {
            admit(prologue, headers);
            return next.admit(prologue, headers);
        };
    }
}
