package dev.tabrelay.server.chat;

import io.helidon.http.Status;

/** Why a chat request got no answer: HTTP status plus the OpenAI error body fields. */
public record ChatError(Status status, String type, String code, String message) {

    /** Not an HTTP status anyone sees: the client left, nothing is written. */
    static final Status CLIENT_CLOSED = Status.create(499, "Client Closed Request");

    static ChatError noExtension(String message) {
        return new ChatError(Status.SERVICE_UNAVAILABLE_503, "server_error", "no-extension", message);
    }

    static ChatError modelNotFound(String model) {
        return new ChatError(Status.NOT_FOUND_404, "invalid_request_error", "model_not_found",
                "The model '" + model + "' is not served by any connected tab; GET /v1/models lists the models on offer");
    }

    static ChatError busy(String message) {
        return new ChatError(Status.TOO_MANY_REQUESTS_429, "rate_limit_error", "tabs-busy", message);
    }

    static ChatError queueFull(int length) {
        return new ChatError(Status.TOO_MANY_REQUESTS_429, "rate_limit_error", "queue-full",
                "every suitable tab is busy and the queue is full (" + length + " waiting); try again later");
    }

    static ChatError timeout(String message) {
        return new ChatError(Status.GATEWAY_TIMEOUT_504, "server_error", "timeout", message);
    }

    static ChatError peerGone(String message) {
        return new ChatError(Status.BAD_GATEWAY_502, "server_error", "peer-disconnected", message);
    }

    static ChatError extensionError(String message, String code) {
        return new ChatError(Status.BAD_GATEWAY_502, "server_error", code == null ? "extension-error" : code, message);
    }

    static ChatError shutdown() {
        return shutdown("the relay server is shutting down");
    }

    /** Also used for an in-process restart, whose message says so. */
    static ChatError shutdown(String message) {
        return new ChatError(Status.SERVICE_UNAVAILABLE_503, "server_error", "shutdown", message);
    }

    static ChatError clientGone() {
        return new ChatError(CLIENT_CLOSED, "client_error", "client-disconnected", "the client closed the request");
    }
}
