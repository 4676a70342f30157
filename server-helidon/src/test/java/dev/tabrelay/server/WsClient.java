package dev.tabrelay.server;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** An OkHttp WebSocket that records frames, the close code and failures, for assertions without sleeps. */
final class WsClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Response> opened = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final CompletableFuture<Throwable> failed = new CompletableFuture<>();
    volatile CountDownLatch gate; // when set, onMessage blocks until it opens (a slow reader)
    volatile String sessionId;
    volatile String closeReason;
    WebSocket socket;

    static WsClient connect(OkHttpClient http, String url, String[] subprotocols, Duration pingInterval) {
        return connect(http, url, subprotocols, pingInterval, java.util.Map.of());
    }

    static WsClient connect(OkHttpClient http, String url, String[] subprotocols, Duration pingInterval,
                            java.util.Map<String, String> headers) {
        WsClient client = new WsClient();
        OkHttpClient c = pingInterval == null ? http : http.newBuilder().pingInterval(pingInterval).build();
        Request.Builder request = new Request.Builder().url(url);
        headers.forEach(request::header);
        if (subprotocols.length > 0) {
            request.header("Sec-WebSocket-Protocol", String.join(", ", subprotocols));
        }
        client.socket = c.newWebSocket(request.build(), client.listener());
        return client;
    }

    private WebSocketListener listener() {
        return new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                opened.complete(response);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                CountDownLatch g = gate;
                if (g != null) {
                    try {
                        g.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                frames.add(text);
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
                failed.complete(t);
                closed.completeExceptionally(t);
            }
        };
    }

    void send(String text) {
        if (!socket.send(text)) {
            fail("could not send (socket closed): " + text.substring(0, Math.min(200, text.length())));
        }
    }

    Response awaitOpen() {
        try {
            return opened.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket did not open", e);
        }
    }

    /** Next frame, parsed; fails after the wait. */
    @SuppressWarnings("unchecked")
    Map<String, Object> next() {
        try {
            String text = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                fail("no frame within " + WAIT);
            }
            return (Map<String, Object>) TestRelay.JSON.fromJson(text);
        } catch (InterruptedException | IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Skips frames until one of this type arrives. */
    Map<String, Object> awaitType(String type) {
        while (true) {
            Map<String, Object> frame = next();
            if (type.equals(frame.get("type"))) {
                return frame;
            }
        }
    }

    /** Skips frames until the reply (same id, or an error whose replyTo is the id) arrives; asserts its type. */
    Map<String, Object> awaitReply(String id, String expectedType) {
        while (true) {
            Map<String, Object> frame = next();
            boolean reply = id.equals(frame.get("id"))
                    || ("error".equals(frame.get("type")) && id.equals(TestRelay.data(frame).get("replyTo")));
            if (reply) {
                if (!Objects.equals(expectedType, frame.get("type"))) {
                    fail("expected " + expectedType + " for " + id + " but got " + frame);
                }
                return frame;
            }
        }
    }

    int awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket did not close with a close frame", e);
        }
    }

    @Override
    public void close() {
        socket.close(1000, "test done");
    }
}
