package dev.tabrelay.server.http;

import dev.tabrelay.server.connection.RequestFailure;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error body writer: {@code {"error":{"message","type","code"}}} (OpenAI style) with a matching status.
 * The BrowserTools compatibility endpoints alone keep that connector's own error shapes (see compat).
 */
public final class HttpErrors {

    private final Json json;

    public HttpErrors(Json json) {
        this.json = json;
    }

    public void send(ServerResponse res, Status status, String type, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        json.send(res, status, Map.of("error", error));
    }

    public void badRequest(ServerResponse res, String message) {
        send(res, Status.BAD_REQUEST_400, "invalid_request_error", "invalid-request", message);
    }

    public void notFound(ServerResponse res, String message) {
        send(res, Status.NOT_FOUND_404, "not_found_error", "not-found", message);
    }

    public void serverError(ServerResponse res, String message) {
        send(res, Status.INTERNAL_SERVER_ERROR_500, "server_error", "internal-error", message);
    }

    /** Maps a failed relay request to its status: no target 404, timeout 504, peer gone 502, shutdown 503. */
    public void requestFailed(ServerResponse res, RequestFailure failure) {
        Status status = statusOf(failure);
        String type = status == Status.NOT_FOUND_404 ? "not_found_error" : "server_error";
        send(res, status, type, failure.code(), failure.getMessage());
    }

    public static Status statusOf(RequestFailure failure) {
        return switch (failure.code()) {
            case RequestFailure.NO_TARGET -> Status.NOT_FOUND_404;
            case RequestFailure.TIMEOUT -> Status.GATEWAY_TIMEOUT_504;
            case RequestFailure.SHUTDOWN -> Status.SERVICE_UNAVAILABLE_503;
            default -> Status.BAD_GATEWAY_502;
        };
    }
}
