package dev.tabrelay.simulator;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.events.ConsoleLog;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw extension connection for frame-level faults: the SDK would never send a malformed, oversize or stale
 * frame, so this socket does, after a normal handshake. {@link #done()} completes when the relay answered every
 * malformed and stale frame with an {@code error} frame and closed on the oversize one (1009).
 */
final class FaultSocket {

    /** What the relay did about the faults. */
    record Report(int errorFrames, int closeCode) {
    }

    private final Context ctx;
    private final OkHttpClient http;
    private final FrameCodec codec = FrameCodec.defaults();
    private final CompletableFuture<Report> done = new CompletableFuture<>();
    private final AtomicInteger errors = new AtomicInteger();
    private volatile WebSocket socket;

    FaultSocket(Context ctx, OkHttpClient http) {
        this.ctx = ctx;
        this.http = http;
    }

    CompletableFuture<Report> done() {
        return done;
    }

    void start() {
        Request request = new Request.Builder().url(RelayUrls.ws(ctx.settings().url(), "/extension-ws")).build();
        socket = http.newWebSocket(request, new Listener());
        done.orTimeout(60, TimeUnit.SECONDS).whenComplete((r, e) -> socket.close(1000, "faults done"));
    }

    private String encode(Object data, long timestamp) {
        return codec.encode(new Message("fault-" + System.nanoTime(), timestamp, (dev.tabrelay.protocol.Payload) data,
                Metadata.EMPTY.withSource("extension")));
    }

    private void inject(WebSocket ws) {
        Faults faults = ctx.settings().faults();
        for (int i = 0; i < faults.malformedFrames(); i++) {
            send(ws, "{\"type\":\"console-log\",\"data\":{\"level\":\"warn\" <- malformed #" + i);
        }
        for (int i = 0; i < faults.staleFrames(); i++) {
            send(ws, encode(new ConsoleLog("info", "stale frame #" + i, null, null, null),
                    System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10)));
        }
        expectedDone();
        for (int i = 0; i < faults.oversizeFrames(); i++) {
            String big = "x".repeat(FrameCodec.DEFAULT_MAX_FRAME_BYTES + 1024);
            send(ws, encode(new ConsoleLog("info", big, null, null, null), System.currentTimeMillis()));
        }
    }

    private void send(WebSocket ws, String text) {
        ctx.stats().faultFrames.incrementAndGet();
        ctx.out().line("fault", "sent " + ChatResponder.quote(text) + " (" + text.length() + " chars)");
        ws.send(text);
    }

    private void expectedDone() {
        Faults f = ctx.settings().faults();
        if (errors.get() >= f.malformedFrames() + f.staleFrames() && f.oversizeFrames() == 0) {
            done.complete(new Report(errors.get(), 0));
        }
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket ws, Response response) {
            ConnectionInit init = new ConnectionInit("chrome-extension", "1.0.0", List.of("console-capture"),
                    "TabRelay extension-simulator (faults)", "fault-tab", null, null, null);
            ws.send(encode(init, System.currentTimeMillis()));
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            Message frame;
            try {
                frame = codec.decode(text);
            } catch (Exception e) {
                ctx.out().line("fault", "relay sent an undecodable frame: " + e.getMessage());
                return;
            }
            if (frame.data() instanceof ConnectionAck) {
                inject(ws);
            } else if (frame.data() instanceof ErrorFrame error) {
                ctx.stats().errorFrames.incrementAndGet();
                errors.incrementAndGet();
                ctx.out().line("fault", "relay error " + error.code() + ": " + error.message());
                expectedDone();
            }
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ctx.out().line("fault", "relay closed the fault connection " + code + " " + reason);
            done.complete(new Report(errors.get(), code));
            ws.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            ctx.out().line("fault", "fault connection failed: " + t);
            done.complete(new Report(errors.get(), -1));
        }
    }
}
