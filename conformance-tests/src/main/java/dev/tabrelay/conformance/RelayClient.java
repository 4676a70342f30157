package dev.tabrelay.conformance;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** HTTP and WebSocket access to one target, over the run's shared OkHttp client. */
public final class RelayClient {

    private final ServerTarget target;
    private final OkHttpClient http;
    private final OkHttpClient bare;

    /** @param http the run's shared client; the target's pairing token (if any) is added to every request */
    RelayClient(ServerTarget target, OkHttpClient http) {
        this.target = target;
        this.bare = http;
        this.http = BearerToken.client(http, target.pairingToken());
    }

    public ServerTarget target() {
        return target;
    }

    public HttpReply get(String path) {
        return call(new Request.Builder().url(target.http(path).toString()).build());
    }

    public HttpReply call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return new HttpReply(response.code(), response.header("Content-Type", ""), response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url() + " failed", e);
        }
    }

    /** Like {@link #call} for a binary body (e.g. a PNG). */
    public BinaryReply callBinary(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return new BinaryReply(response.code(), response.header("Content-Type", ""), response.body().bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url() + " failed", e);
        }
    }

    public WsProbe webSocket(String path, String... subprotocols) {
        return WsProbe.open(http, target.ws(path), List.of(subprotocols));
    }

    /**
     * A WebSocket to {@code pathAndQuery} with exactly {@code headers}: no pairing token is added, so a check can
     * play a client that has none (or a wrong one).
     */
    public WsProbe webSocketWithout(String pathAndQuery, Map<String, String> headers, String... subprotocols) {
        return WsProbe.open(bare, target.ws(pathAndQuery), List.of(subprotocols), headers);
    }

    /** A finished HTTP exchange. */
    public record HttpReply(int status, String contentType, String body) {
        public Map<String, Object> json() {
            return Json.object(body);
        }
    }

    /** A finished HTTP exchange with a binary body. */
    public record BinaryReply(int status, String contentType, byte[] body) {
    }
}
