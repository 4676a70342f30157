package dev.tabrelay.conformance;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** A WebSocket whose received frames, close code and failure can be awaited (with timeouts, never sleeps). */
public final class WsProbe implements AutoCloseable {

    private volatile String closeReason;

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Response> opened = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsProbe(OkHttpClient http, URI uri, List<String> subprotocols, Map<String, String> headers) {
        Request.Builder request = new Request.Builder().url(uri.toString());
        headers.forEach(request::header);
        if (!subprotocols.isEmpty()) {
            request.header("Sec-WebSocket-Protocol", String.join(", ", subprotocols));
        }
        socket = http.newWebSocket(request.build(), new Listener());
    }

    static WsProbe open(OkHttpClient http, URI uri, List<String> subprotocols) {
        return new WsProbe(http, uri, subprotocols, Map.of());
    }

    /** With extra upgrade headers (an {@code Origin}, an {@code Authorization} of the check's choosing). */
    static WsProbe open(OkHttpClient http, URI uri, List<String> subprotocols, Map<String, String> headers) {
        return new WsProbe(http, uri, subprotocols, headers);
    }

    public Response awaitOpen() {
        return await(opened, "the WebSocket to open");
    }

    public void send(String text) {
        if (!socket.send(text)) {
            throw new AssertionError("OkHttp refused to queue the frame (socket closing or queue full)");
        }
    }

    /** The next frame matching {@code match}; frames before it that do not match are kept in {@code skipped}. */
    public Map<String, Object> awaitFrame(String description, Predicate<Map<String, Object>> match) {
        List<String> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                String text = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (text == null) {
                    throw new AssertionError("no frame " + description + " within " + TIMEOUT + "; other frames: " + skipped
                            + (closed.isDone() ? "; socket closed: " + closed : ""));
                }
                Map<String, Object> frame = Json.object(text);
                if (match.test(frame)) {
                    return frame;
                }
                skipped.add(text);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public Map<String, Object> awaitType(String type) {
        return awaitFrame("of type " + type, frame -> type.equals(frame.get("type")));
    }

    /** The reason of the server's close frame, once {@link #awaitClose()} returned. */
    public String closeReason() {
        return closeReason;
    }

    /** The close code the server sent (OkHttp's onClosing), or a failure if the socket broke without one. */
    public int awaitClose() {
        return await(closed, "the server to close the WebSocket");
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed waiting for " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    @Override
    public void close() {
        if (!socket.close(1000, "done")) {
            socket.cancel();
        }
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened.complete(response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            received.add(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closeReason = reason;
            closed.complete(code);
            webSocket.close(code == 1005 ? 1000 : code, null);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            closed.complete(code);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            opened.completeExceptionally(t);
            closed.completeExceptionally(t);
        }
    }
}
