package dev.tabrelay.server.connection;

/**
 * Why a correlated request got no reply: a stable kebab-case {@link #code()} for error frames and HTTP bodies,
 * and a message a person can act on.
 */
public final class RequestFailure extends RuntimeException {

    public static final String TIMEOUT = "timeout";
    public static final String PEER_GONE = "peer-disconnected";
    public static final String SHUTDOWN = "shutdown";
    public static final String NO_TARGET = "no-extension";
    public static final String FAILED = "request-failed";

    private final String code;

    public RequestFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Unwraps the CompletionException layers a future adds. */
    /** What waited on {@code connection} when it went away. */
    public static RequestFailure disconnected(Connection connection) {
        return new RequestFailure(PEER_GONE, "the " + connection.kind().label() + " " + connection.id() + " disconnected");
    }

    public static RequestFailure of(Throwable t) {
        Throwable cause = t;
        while (cause != null && !(cause instanceof RequestFailure) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof RequestFailure failure ? failure
                : new RequestFailure(FAILED, String.valueOf(t == null ? "unknown failure" : t.getMessage()));
    }
}
