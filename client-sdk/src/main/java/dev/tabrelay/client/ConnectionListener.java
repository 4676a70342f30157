package dev.tabrelay.client;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ErrorFrame;

/**
 * What a socket client tells about its connection. Every method has a no-op default; override what you need.
 * Callbacks run on the client's own callback thread, one at a time and in order, never on OkHttp's reader
 * thread; don't block in them for long. No callback follows {@code onStateChanged(CLOSED, …)}.
 */
public interface ConnectionListener {

    /**
     * The connection state changed.
     *
     * @param cause why it left {@code OPEN} (or why it closed), or null for a normal transition
     */
    default void onStateChanged(ConnectionState state, Throwable cause) {
    }

    /** An {@code error} frame that answers no waiting call (e.g. {@code rate-limited}, {@code events-dropped}). */
    default void onError(ErrorFrame error, Message frame) {
    }

    /** Any decoded frame, before the client handles it (a tap for logging and tests). */
    default void onFrame(Message frame) {
    }

    /** A text frame the protocol codec refused; the connection stays open. */
    default void onUndecodable(String text, FrameException error) {
    }
}
