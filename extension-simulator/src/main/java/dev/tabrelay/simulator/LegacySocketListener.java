package dev.tabrelay.simulator;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.DialectCodec;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The socket lifecycle every legacy-dialect tab shares: decode the relay's frames with the dialect, answer the
 * close handshake, and report disconnects and failures (unless the tab closed itself). Subclasses announce
 * themselves in {@link #onOpen} and handle the decoded messages.
 */
abstract class LegacySocketListener extends WebSocketListener {

    private final TabSpec tab;
    private final Context ctx;
    private final DialectCodec fromServer;
    private final CompletableFuture<Void> opened;
    private final BooleanSupplier closedByUs;

    LegacySocketListener(TabSpec tab, Context ctx, DialectCodec fromServer, CompletableFuture<Void> opened,
                         BooleanSupplier closedByUs) {
        this.tab = tab;
        this.ctx = ctx;
        this.fromServer = fromServer;
        this.opened = opened;
        this.closedByUs = closedByUs;
    }

    /** A frame from the relay, mapped to the canonical model. */
    abstract void onRelayMessage(Message message);

    @Override
    public final void onMessage(WebSocket ws, String text) {
        try {
            fromServer.decode(text).message().ifPresent(this::onRelayMessage);
        } catch (FrameException e) {
            ctx.out().line(tab.tabId(), "undecodable frame from the relay: " + e.getMessage());
        }
    }

    @Override
    public final void onClosing(WebSocket ws, int code, String reason) {
        ws.close(1000, null);
    }

    @Override
    public final void onClosed(WebSocket ws, int code, String reason) {
        if (!closedByUs.getAsBoolean()) {
            ctx.stats().disconnects.incrementAndGet();
            ctx.out().line(tab.tabId(), "relay closed the connection " + code + " " + reason);
        }
    }

    @Override
    public final void onFailure(WebSocket ws, Throwable t, Response response) {
        opened.completeExceptionally(t);
        if (!closedByUs.getAsBoolean()) {
            ctx.out().line(tab.tabId(), "connection failed: " + t);
        }
    }
}
