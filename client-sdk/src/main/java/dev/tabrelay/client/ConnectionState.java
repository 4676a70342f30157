package dev.tabrelay.client;

/**
 * The life of a socket client, in order. {@code CONNECTING → OPEN}, then on a drop {@code RECONNECTING → OPEN}
 * as often as the {@link Backoff} allows, and finally {@code CLOSED}, after which no callback follows.
 */
public enum ConnectionState {
    /** Not started: {@code connect()} has not been called. */
    IDLE,
    /** The first connection is being opened, or its handshake ({@code connection-init}) is in flight. */
    CONNECTING,
    /** Handshake done: frames flow, calls can be made. */
    OPEN,
    /** The connection dropped; waiting for the next attempt or in it. Calls fail with {@code not-connected}. */
    RECONNECTING,
    /** Closed by {@code close()}, by a fatal handshake refusal, or after the last reconnect attempt. Terminal. */
    CLOSED
}
