package dev.tabrelay.server.connection;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;

/**
 * An endpoint's check of the WebSocket upgrade request (credentials, required subprotocol). It runs before the
 * socket exists, so a refusal is an HTTP status the client sees as terminal, never a reconnect loop.
 */
@FunctionalInterface
public interface UpgradeGate {

    /**
     * @return what the request proved
     * @throws io.helidon.http.RequestException to refuse the upgrade (401, 400, 404 ...)
     */
    Admission admit(HttpPrologue prologue, Headers headers);
}
