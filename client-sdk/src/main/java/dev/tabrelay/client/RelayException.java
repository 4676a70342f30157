package dev.tabrelay.client;

import dev.tabrelay.protocol.control.ErrorFrame;

import java.util.Optional;

/**
 * The one exception of the SDK: a stable kebab-case {@link #code()} (the relay's own error codes, such as
 * {@code no-extension} or {@code rate-limited}, or one of the client codes below), a message a person can act
 * on, and the id of the request it answers when there is one. Futures fail with it; it is unchecked.
 */
public class RelayException extends RuntimeException {

    /** No reply within the call's timeout. */
    public static final String TIMEOUT = "timeout";
    /** The connection dropped while the call was waiting. */
    public static final String DISCONNECTED = "disconnected";
    /** A call was made while the client was not connected (connecting or reconnecting). */
    public static final String NOT_CONNECTED = "not-connected";
    /** The client was closed. */
    public static final String CLOSED = "closed";
    /** The outbound queue is full: the relay (or the throttle) is slower than the sender. */
    public static final String QUEUE_FULL = "queue-full";
    /** A handler, or a peer, failed. */
    public static final String HANDLER_FAILED = "handler-failed";
    /** An answer could not be read. */
    public static final String BAD_RESPONSE = "bad-response";

    private final String code;
    private final String replyTo;
    private final boolean retryable;

    public RelayException(String code, String message, String replyTo) {
        this(code, message, replyTo, false, null);
    }

    public RelayException(String code, String message, String replyTo, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.replyTo = replyTo;
        this.retryable = retryable;
    }

    /** The exception an {@code error} frame stands for. */
    public static RelayException of(ErrorFrame error) {
        return new RelayException(error.code(), error.message(), error.replyTo(),
                Boolean.TRUE.equals(error.retryable()), null);
    }

    /** Stable kebab-case code: one of this class's constants or the relay's code. */
    public String code() {
        return code;
    }

    /** The id of the request this failure answers. */
    public Optional<String> replyTo() {
        return Optional.ofNullable(replyTo);
    }

    /** True when the same request may succeed later (the relay said so, or the failure is transient). */
    public boolean retryable() {
        return retryable || TIMEOUT.equals(code) || DISCONNECTED.equals(code) || NOT_CONNECTED.equals(code)
                || QUEUE_FULL.equals(code);
    }

    @Override
    public String toString() {
        return "RelayException[" + code + "]: " + getMessage();
    }
}
