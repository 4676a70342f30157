package dev.tabrelay.simulator;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.chat.ChatMessage;
import dev.tabrelay.protocol.chat.ChatResponse;
import dev.tabrelay.protocol.chat.ChatResponseChunk;
import dev.tabrelay.protocol.chat.ChatResponseError;
import dev.tabrelay.protocol.chat.SendChatMessage;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.TabInfo;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A tab of a legacy chat extension (Chat Relay, Browcall) on a raw WebSocket: says hello the legacy way, answers
 * chat turns with legacy frames. These dialects carry no tab events and no screenshots, so it generates none.
 */
final class LegacyTab implements SimulatedTab {

    private final TabSpec tab;
    private final Context ctx;
    private final LegacyWire wire;
    private final OkHttpClient http;
    private final ChatResponder responder;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile boolean closed;

    LegacyTab(TabSpec tab, Context ctx, LegacyWire wire, OkHttpClient http) {
        this.tab = tab;
        this.ctx = ctx;
        this.wire = wire;
        this.http = http;
        this.responder = new ChatResponder(tab.tabId(), ctx.settings().chat(),
                ctx.settings().faults().replyDelay().toMillis(), ctx.scheduler(), ctx.chatTurns(), ctx.stats(), ctx.out());
    }

    @Override
    public void start() {
        // The legacy listeners take extension sockets on any path; "/" is what the real extensions dial.
        Request request = new Request.Builder().url(RelayUrls.ws(ctx.settings().url(), "/")).build();
        socket = http.newWebSocket(request, new Listener());
        opened.orTimeout(30, TimeUnit.SECONDS).join();
    }

    private void send(Payload payload) {
        Message message = new Message(UUID.randomUUID().toString(), System.currentTimeMillis(), payload,
                new Metadata(null, "extension", null, tab.tabId(), tab.url()));
        for (String frame : wire.toServer().encode(message)) {
            if (!socket.send(frame)) {
                throw new IllegalStateException("socket closed");
            }
        }
    }

    @Override
    public boolean publish(EventKind kind) {
        return false; // Chat Relay and Browcall have no event frames
    }

    @Override
    public void close() {
        closed = true;
        WebSocket current = socket;
        if (current != null) {
            current.close(1000, "simulator stopped");
        }
    }

    private void onChat(SendChatMessage chat) {
        List<ChatMessage> messages = chat.messages();
        String prompt = messages == null || messages.isEmpty() || !(messages.get(messages.size() - 1).content()
                instanceof String text) ? "" : text;
        responder.answer(chat.requestId(), prompt, new LegacyAnswer(chat.requestId()));
    }

    /** Writes one turn's answer as legacy frames; the legacy dialects have no cancel, only a closed socket. */
    private final class LegacyAnswer implements Answer {
        private final String requestId;

        LegacyAnswer(String requestId) {
            this.requestId = requestId;
        }

        private boolean deliver(Payload payload) {
            if (closed) {
                return false;
            }
            try {
                send(payload);
                return true;
            } catch (RuntimeException e) {
                ctx.out().line(tab.tabId(), "chat " + requestId + " not delivered: " + e.getMessage());
                return false;
            }
        }

        @Override
        public boolean complete(String text) {
            return deliver(new ChatResponse(requestId, text, null, "stop", null));
        }

        @Override
        public boolean chunk(String delta) {
            return deliver(new ChatResponseChunk(requestId, delta, false, null));
        }

        @Override
        public boolean finish() {
            return deliver(new ChatResponseChunk(requestId, "", true, "stop"));
        }

        @Override
        public boolean fail(String error) {
            return deliver(new ChatResponseError(requestId, error, "simulated"));
        }

        @Override
        public boolean isCancelled() {
            return closed;
        }

        @Override
        public void onCancel(Consumer<String> hook) {
            // no cancel frame exists in these dialects
        }
    }

    private final class Listener extends LegacySocketListener {
        Listener() {
            super(tab, ctx, wire.fromServer(), opened, () -> closed);
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            socket = ws;
            send(new ConnectionInit(wire.clientType(), "1.0.0", List.of("chat"), "TabRelay extension-simulator",
                    tab.tabId(), List.of(new TabInfo(tab.tabId(), tab.url(), null)), null, null));
            ctx.stats().connects.incrementAndGet();
            ctx.out().line(tab.tabId(), "connected (" + wire.clientType() + ") url=" + tab.url());
            opened.complete(null);
        }

        @Override
        void onRelayMessage(Message message) {
            if (message.data() instanceof SendChatMessage chat) {
                onChat(chat);
            } else {
                ctx.out().line(tab.tabId(), "relay sent " + message.type());
            }
        }
    }
}
