package dev.tabrelay.benchmarks.chat;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.ModelInfo;
import dev.tabrelay.protocol.control.TabInfo;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated browser tab: an extension WebSocket ({@code /extension-ws}, a {@link TabSocket}) that serves one
 * tab and the benchmark model, and answers every {@code SEND_CHAT_MESSAGE} at once, on its reader thread, without
 * decoding JSON: the request id is cut out of the frame and the reply is a string template. Plain mode answers
 * with one {@code CHAT_RESPONSE}; streamed mode with {@value #DELTAS} {@code CHAT_RESPONSE_CHUNK}s and a final
 * one (the relay forwards each as an SSE event); the prompt says which ({@link #STREAMED_PROMPT}), so plain and
 * streamed requests can take turns. So the tab costs next to nothing and the relay is what is measured.
 */
final class FakeTab implements TabSocket.Listener, AutoCloseable {

    static final String MODEL = "bench-model";
    static final int DELTAS = 3;
    static final String ANSWER = "Hello from the benchmark tab.";
    private static final String REQUEST_ID = "\"requestId\":\"";
    /** In the prompt of a streamed request: the tab answers each request in the mode its client asked for. */
    static final String STREAMED_PROMPT = "Stream hello to the benchmark.";
    static final String PLAIN_PROMPT = "Say hello to the benchmark.";

    private final String tabId;
    private final TabArrivals arrivals;
    private final CompletableFuture<Void> acked = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicLong answered = new AtomicLong();
    private volatile TabSocket socket;

    private FakeTab(String tabId, TabArrivals arrivals) {
        this.tabId = tabId;
        this.arrivals = arrivals;
    }

    /** Connects, sends {@code connection-init} and waits for {@code connection-ack}. */
    static FakeTab connect(String baseWs, int index, FrameCodec codec, TabArrivals arrivals) throws Exception {
        FakeTab tab = new FakeTab("bench-tab-" + index, arrivals);
        tab.socket = TabSocket.open(URI.create(baseWs + "/extension-ws"), "tabrelay-extension-v1", tab, tab.tabId);
        tab.socket.sendText(codec.encode(Message.of("init-" + index, System.currentTimeMillis(), new ConnectionInit(
                "chrome-extension", "1.0.0", List.of("chat"), "TabRelay chat benchmark", tab.tabId,
                List.of(new TabInfo(tab.tabId, "https://chat.bench.example/", "bench")),
                List.of(new ModelInfo(MODEL, "bench")), null))));
        tab.acked.get(10, TimeUnit.SECONDS);
        return tab;
    }

    long answered() {
        return answered.get();
    }

    @Override
    public void onText(TabSocket webSocket, String text) throws IOException {
        if (text.contains("\"SEND_CHAT_MESSAGE\"")) {
            long now = System.nanoTime();
            int start = text.indexOf(REQUEST_ID) + REQUEST_ID.length();
            String requestId = text.substring(start, text.indexOf('"', start));
            if (text.contains(STREAMED_PROMPT)) {
                for (int i = 0; i < DELTAS; i++) {
                    webSocket.sendText(chunk(requestId, i, i == 0 ? "Hello " : i == 1 ? "from the " : "benchmark tab.", false));
                }
                webSocket.sendText(chunk(requestId, DELTAS, "", true));
            } else {
                stampArrival(text, now);
                webSocket.sendText("{\"id\":\"a-" + requestId + "\",\"type\":\"CHAT_RESPONSE\",\"timestamp\":"
                        + System.currentTimeMillis() + ",\"data\":{\"requestId\":\"" + requestId + "\",\"content\":\""
                        + ANSWER + "\",\"model\":\"" + MODEL + "\",\"finishReason\":\"stop\"},\"metadata\":{\"tabId\":\""
                        + tabId + "\"}}");
            }
            answered.incrementAndGet();
        } else if (text.contains("\"connection-ack\"")) {
            acked.complete(null);
        } else if (text.contains("\"type\":\"error\"")) {
            System.out.println(tabId + " got an error frame: " + text);
        }
    }

    /** A plain prompt ends in {@code #<sequence>} (see {@link TabArrivals}). */
    private void stampArrival(String text, long now) {
        int at = text.indexOf(PLAIN_PROMPT);
        if (at < 0) {
            return;
        }
        int from = at + PLAIN_PROMPT.length() + 2; // " #"
        int to = from;
        while (to < text.length() && Character.isDigit(text.charAt(to))) {
            to++;
        }
        if (to > from) {
            arrivals.arrived(Long.parseLong(text, from, to, 10), now);
        }
    }

    private String chunk(String requestId, int n, String delta, boolean last) {
        return "{\"id\":\"c" + n + "-" + requestId + "\",\"type\":\"CHAT_RESPONSE_CHUNK\",\"timestamp\":"
                + System.currentTimeMillis() + ",\"data\":{\"requestId\":\"" + requestId + "\",\"delta\":\"" + delta
                + "\",\"isFinal\":" + last + (last ? ",\"finishReason\":\"stop\"" : "") + "},\"metadata\":{\"tabId\":\""
                + tabId + "\"}}";
    }

    @Override
    public void onEnd(Throwable error) {
        if (error != null) {
            acked.completeExceptionally(error);
        }
        closed.complete(null);
    }

    /** Closes with 1000 and waits briefly for the server's close; then the socket is closed either way. */
    @Override
    public void close() {
        TabSocket s = socket;
        if (s == null) {
            return;
        }
        try {
            s.close("benchmark done");
            closed.get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            // no clean close: the socket is closed below anyway
        } finally {
            s.close();
        }
    }
}
