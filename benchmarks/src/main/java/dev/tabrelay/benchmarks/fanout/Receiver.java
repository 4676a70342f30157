package dev.tabrelay.benchmarks.fanout;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One OkHttp WebSocket of the load test: an MCP subscriber, the echo client, or the extension. Benchmark events
 * are recognised by their {@code #seq=} marker and counted without JSON decoding; anything else is a control
 * frame (ack, connection-ack, error) and queued for {@link #awaitControl}. Events arrive in order on one socket, so
 * a gap in sequence numbers is a dropped event; the relay also reports drops with an {@code events-dropped} error.
 * Only OkHttp's reader thread for this socket writes the counters.
 */
final class Receiver extends WebSocketListener {

    private final String name;
    private final CountDownLatch opened = new CountDownLatch(1);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final LinkedBlockingQueue<String> controls = new LinkedBlockingQueue<>();
    private final long[] parsed = new long[2];
    private volatile Flow flow;
    private volatile Throwable failure;

    /**
     * Sequence number + 1 of the newest event seen: everything before it was delivered or dropped. Written last
     * for each event, so a thread that reads it also sees the plain counters below as of that event.
     */
    private volatile long accounted;
    private long measured;
    private long lastMeasuredNanos;
    private long gaps;
    private volatile long reordered;
    private volatile long errorFrames;
    private volatile long droppedNotified;

    Receiver(String name) {
        this.name = name;
    }

    void attach(Flow value) {
        flow = value;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        opened.countDown();
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        if (!FrameSource.parse(text, parsed)) {
            control(text);
            return;
        }
        long now = System.nanoTime();
        long seq = parsed[0];
        long before = accounted;
        if (seq < before) {
            reordered++;
            return;
        }
        if (seq > before) {
            gaps += seq - before;
        }
        Flow f = flow;
        if (f != null && seq >= f.measureFromSeq) {
            measured++;
            lastMeasuredNanos = now;
            if (seq % f.sampleEvery == 0) {
                f.samples.add(now - parsed[1]);
            }
        }
        accounted = seq + 1;
        if (f != null) {
            f.advanced(before, seq + 1);
        }
    }

    private void control(String text) {
        if (text.contains("\"type\":\"error\"")) {
            errorFrames++;
            int i = text.indexOf("\"dropped\":");
            if (text.contains("events-dropped") && i >= 0) {
                int p = i + "\"dropped\":".length();
                long n = 0;
                char c;
                while (p < text.length() && (c = text.charAt(p)) >= '0' && c <= '9') {
                    n = n * 10 + (c - '0');
                    p++;
                }
                droppedNotified += n;
            }
        }
        controls.add(text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(1000, null);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        closed.complete(null);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        failure = t;
        opened.countDown();
        closed.complete(null);
        Flow f = flow;
        if (f != null) {
            java.util.concurrent.locks.LockSupport.unpark(f.sender);
        }
    }

    void awaitOpen(long timeoutMs) throws InterruptedException {
        if (!opened.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + ": WebSocket did not open within " + timeoutMs + " ms");
        }
        checkAlive();
    }

    /** Waits for a control frame containing {@code needle}; other control frames are skipped. */
    String awaitControl(String needle, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            long left = deadline - System.nanoTime();
            String text = left <= 0 ? null : controls.poll(left, TimeUnit.NANOSECONDS);
            if (text == null) {
                checkAlive();
                throw new IllegalStateException(name + ": no frame containing " + needle + " within " + timeoutMs + " ms");
            }
            if (text.contains(needle)) {
                return text;
            }
        }
    }

    void checkAlive() {
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException(name + ": WebSocket failed: " + t, t);
        }
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    String name() {
        return name;
    }

    long accounted() {
        return accounted;
    }

    long measured() {
        return measured;
    }

    long lastMeasuredNanos() {
        return lastMeasuredNanos;
    }

    long gaps() {
        return gaps;
    }

    long reordered() {
        return reordered;
    }

    long errorFrames() {
        return errorFrames;
    }

    long droppedNotified() {
        return droppedNotified;
    }

    /** Control frames received so far that are errors, for the report (e.g. rate-limited on the extension). */
    java.util.List<String> pendingControls() {
        return java.util.List.copyOf(controls);
    }
}
