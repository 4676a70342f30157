package dev.tabrelay.client;

import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.Heartbeat;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What every WebSocket role shares: connect, state, session, heartbeat, close. Instances are thread-safe.
 * Close them ({@code try}-with-resources): closing stops every thread the client started.
 */
public interface RelaySocketClient extends AutoCloseable {

    /**
     * Starts connecting (calling it again does nothing) and completes with the first {@code connection-ack};
     * fails when the {@link Backoff} gives up, the relay refuses the handshake, or the client is closed.
     */
    CompletableFuture<ConnectionAck> connect();

    ConnectionState state();

    /** The relay's session id from the current connection's {@code connection-ack}; empty while not open. */
    Optional<String> sessionId();

    /** Sends a {@code heartbeat} now, ahead of queued frames; completes with the relay's answer. */
    CompletableFuture<Heartbeat> heartbeat();

    /** Completes when the client has closed for good (by {@link #close()} or after the last reconnect attempt). */
    CompletableFuture<Void> closed();

    /** Closes with 1000 and reason {@code client closed}. */
    @Override
    void close();

    /**
     * Sends {@code connection-close}, closes the socket with {@code code} and {@code reason}, fails every waiting
     * call with {@code closed}, and stops every thread this client started. Idempotent.
     */
    void close(int code, String reason);
}
