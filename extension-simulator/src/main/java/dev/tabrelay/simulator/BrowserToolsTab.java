package dev.tabrelay.simulator;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsExtensionFrames;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsLogBody;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsServerFrames;
import dev.tabrelay.protocol.events.EventPayload;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A tab of the BrowserTools extension: flat frames on {@code /extension-ws} (page-navigated on connect,
 * screenshot-data answering take-screenshot) and its events as {@code POST /extension-log} bodies, as the real
 * extension sends them. BrowserTools has no chat.
 */
final class BrowserToolsTab implements SimulatedTab {

    private static final MediaType JSON = MediaType.get("application/json");

    private final TabSpec tab;
    private final Context ctx;
    private final OkHttpClient http;
    private final EventFactory events;
    private final LegacyJson json = LegacyJson.defaults();
    private final BrowserToolsServerFrames fromServer = new BrowserToolsServerFrames(json, Envelopes.system());
    private final BrowserToolsExtensionFrames toServer = new BrowserToolsExtensionFrames(json, Envelopes.system());
    private final BrowserToolsLogBody logBody = new BrowserToolsLogBody(json, Envelopes.system());
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile boolean closed;

    BrowserToolsTab(TabSpec tab, Context ctx, OkHttpClient http, long seed) {
        this.tab = tab;
        this.ctx = ctx;
        this.http = http;
        this.events = new EventFactory(tab.url(), seed);
    }

    @Override
    public void start() {
        Request request = new Request.Builder().url(RelayUrls.ws(ctx.settings().url(), "/extension-ws")).build();
        socket = http.newWebSocket(request, new Listener());
        opened.orTimeout(30, TimeUnit.SECONDS).join();
    }

    private Message message(String id, Payload payload) {
        return new Message(id, System.currentTimeMillis(), payload,
                new Metadata(null, "browser-tools", null, tab.tabId(), tab.url()));
    }

    private void send(Message message) {
        toServer.encode(message).forEach(socket::send);
    }

    @Override
    public boolean publish(EventKind kind) {
        if (closed) {
            return false;
        }
        EventPayload event = events.next(kind);
        String body = logBody.encode(message(UUID.randomUUID().toString(), event)).get(0);
        Request request = new Request.Builder().url(RelayUrls.http(ctx.settings().url(), "/extension-log"))
                .post(RequestBody.create(body, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                ctx.stats().eventsDropped.incrementAndGet();
                ctx.out().line(tab.tabId(), "event refused: HTTP " + response.code());
                return false;
            }
        } catch (IOException e) {
            ctx.stats().eventsDropped.incrementAndGet();
            ctx.out().line(tab.tabId(), "event not sent: " + e.getMessage());
            return false;
        }
        ctx.stats().events.incrementAndGet();
        ctx.out().line(tab.tabId(), "event (extension-log) " + EventLines.describe(event));
        return true;
    }

    @Override
    public void close() {
        closed = true;
        WebSocket current = socket;
        if (current != null) {
            current.close(1000, "simulator stopped");
        }
    }

    private void screenshot(Message request) {
        ScreenshotResponse response;
        try {
            response = Screenshots.take(tab, ctx);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            response = ScreenshotResponse.failed(e.getMessage());
        }
        send(message(request.id(), response)); // the legacy requestId is the message id
    }

    private final class Listener extends LegacySocketListener {
        Listener() {
            super(tab, ctx, fromServer, opened, () -> closed);
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            socket = ws;
            // The real extension announces its page on connect; it is how the relay learns the tab.
            send(message(UUID.randomUUID().toString(), new Navigation(tab.url(), "Simulated " + tab.tabId(), null, null)));
            ctx.out().line(tab.tabId(), "connected (browser-tools) url=" + tab.url());
            ctx.stats().connects.incrementAndGet(); // after its line, as every count (see ChatResponder)
            opened.complete(null);
        }

        @Override
        void onRelayMessage(Message message) {
            if (message.data() instanceof ScreenshotRequest) {
                screenshot(message);
            } else {
                ctx.out().line(tab.tabId(), "relay sent " + message.type());
            }
        }
    }
}
