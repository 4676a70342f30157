package dev.tabrelay.client;

/**
 * An HTTP API call failed: the status and the OpenAI error body ({@code {"error":{"message","type","code"}}}),
 * or status 0 when no response came (connection refused, read timeout). {@link #code()} is the body's code, or
 * {@code http-<status>} when the body has none.
 */
public final class RelayHttpException extends RelayException {

    private final int status;
    private final String type;

    public RelayHttpException(int status, String type, String code, String message, Throwable cause) {
        super(code, message, null, status == 0 || status == 429 || status >= 500, cause);
        this.status = status;
        this.type = type;
    }

    /** HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }

    /** The OpenAI error type ({@code invalid_request_error}, {@code server_error}...), or null. */
    public String type() {
        return type;
    }
}
