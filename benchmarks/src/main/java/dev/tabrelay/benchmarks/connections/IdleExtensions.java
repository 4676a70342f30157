package dev.tabrelay.benchmarks.connections;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.control.ConnectionInit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many idle extension connections from few threads: one JDK {@link HttpClient} (one selector thread, a 2-thread
 * executor) opens the WebSockets; each sends {@code connection-init} on open and is done once its
 * {@code connection-ack} arrived. After that a socket only answers the relay's pings (the JDK client does that by
 * itself), as an idle browser extension would. At most {@value #IN_FLIGHT} handshakes are in flight at once, so
 * the listen backlog never overflows.
 * ({@code -Dtabrelay.connections.inFlight=N} changes it.)
 */
final class IdleExtensions implements AutoCloseable {

    static final int IN_FLIGHT = Integer.getInteger("tabrelay.connections.inFlight", 128);

    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "idle-extensions");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(20)).build();
    private final List<WebSocket> sockets = new ArrayList<>();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Opens {@code count} connections and waits for every ack; returns the nanoseconds from first open to last ack. */
    long connect(String baseWs, int count, long timeoutMs) throws Exception {
        FrameCodec codec = FrameCodec.defaults();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<WebSocket>> acks = new ArrayList<>(count);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (int i = 0; i < count; i++) {
            if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("only " + i + " of " + count + " connections within " + timeoutMs + " ms"
                        + (failure.get() == null ? "" : "; first failure: " + failure.get()));
            }
            String init = codec.encode(Message.of("init-" + i, System.currentTimeMillis(), new ConnectionInit(
                    "chrome-extension", "1.0.0", List.of("console-capture"), "TabRelay idle benchmark", "idle-" + i,
                    null, null, null)));
            Idle listener = new Idle(init);
            CompletableFuture<WebSocket> ack = listener.acked.whenComplete((ws, error) -> slots.release());
            acks.add(ack);
            http.newWebSocketBuilder().subprotocols("tabrelay-extension-v1").connectTimeout(Duration.ofSeconds(20))
                    .buildAsync(URI.create(baseWs + "/extension-ws"), listener)
                    .whenComplete((ws, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                            listener.acked.completeExceptionally(error);
                        }
                    });
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        long elapsed = System.nanoTime() - start;
        for (CompletableFuture<WebSocket> ack : acks) {
            sockets.add(ack.join());
        }
        return elapsed;
    }

    int open() {
        return sockets.size() - closedByServer.get();
    }

    int closedByServer() {
        return closedByServer.get();
    }

    private final class Idle implements WebSocket.Listener {
        private final String init;
        private final CompletableFuture<WebSocket> acked = new CompletableFuture<>();
        private StringBuilder partial;

        Idle(String init) {
            this.init = init;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.sendText(init, true);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!acked.isDone()) {
                if (!last) {
                    partial = partial == null ? new StringBuilder(data) : partial.append(data);
                } else {
                    String text = partial == null ? data.toString() : partial.append(data).toString();
                    partial = null;
                    if (text.contains("\"connection-ack\"")) {
                        acked.complete(webSocket);
                    } else if (text.contains("\"type\":\"error\"")) {
                        acked.completeExceptionally(new IllegalStateException("error frame: " + text));
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer.incrementAndGet();
            acked.completeExceptionally(new IllegalStateException("closed by the server: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failure.compareAndSet(null, error);
            acked.completeExceptionally(error);
        }
    }

    /** Sends close 1000 on every socket, waits briefly for the output to go, then aborts what is left. */
    @Override
    public void close() {
        List<CompletableFuture<WebSocket>> closing = new ArrayList<>();
        for (WebSocket socket : sockets) {
            if (!socket.isOutputClosed()) {
                closing.add(socket.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark done").toCompletableFuture());
            }
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            // aborted below
        }
        sockets.forEach(WebSocket::abort);
        http.shutdownNow();
        executor.shutdownNow();
    }
}
