package dev.tabrelay.client;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.chat.CancelChat;
import dev.tabrelay.protocol.chat.ChatPayload;
import dev.tabrelay.protocol.chat.ChatResponseError;
import dev.tabrelay.protocol.chat.ChatSettings;
import dev.tabrelay.protocol.chat.SendChatMessage;
import dev.tabrelay.protocol.control.Ack;
import dev.tabrelay.protocol.control.Capabilities;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.control.ModelInfo;
import dev.tabrelay.protocol.control.TabInfo;
import dev.tabrelay.protocol.events.ClearLogs;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.EventPayload;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import dev.tabrelay.protocol.events.SelectedElement;
import dev.tabrelay.protocol.ops.AnnotationCommand;
import dev.tabrelay.protocol.ops.AnnotationResponse;
import dev.tabrelay.protocol.ops.CdpCommand;
import dev.tabrelay.protocol.ops.CdpError;
import dev.tabrelay.protocol.ops.CdpEvent;
import dev.tabrelay.protocol.ops.CdpResult;
import dev.tabrelay.protocol.session.Disconnect;
import dev.tabrelay.protocol.session.GetSession;
import dev.tabrelay.protocol.session.GetTabId;
import dev.tabrelay.protocol.session.NewSession;
import dev.tabrelay.protocol.session.PollingSession;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Acts as a browser extension on {@code /extension-ws}: announces its tabs, capabilities and chat models in
 * {@code connection-init} (again after every reconnect), publishes tab events, and answers the relay's commands
 * through typed handlers whose return values or exceptions become the right reply frames. Handlers run on the
 * client's callback thread, one at a time; chat replies may be finished later from any thread.
 *
 * <pre>{@code
 * try (ExtensionClient ext = ExtensionClient.builder().serverUrl(url).tabId("tab-1")
 *         .onScreenshot((request, frame) -> capture()).build()) {
 *     ext.connect().join();
 *     ext.consoleLog("info", "hello");
 * }
 * }</pre>
 */
public final class ExtensionClient extends SocketClientBase {

    private final Builder config;
    private final Map<String, ChatReply> chats = new ConcurrentHashMap<>();
    private volatile List<TabInfo> tabs;

    private ExtensionClient(dev.tabrelay.client.internal.SocketSettings settings, Builder config) {
        super(settings);
        this.config = config;
        this.tabs = List.copyOf(config.tabs);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- handshake ------------------------------------------------------------------------------------------

    @Override
    public Message connectionInit(String id, long now) {
        ConnectionInit init = new ConnectionInit(config.clientType, config.version, config.capabilities(),
                config.userAgent, config.tabId, tabs.isEmpty() ? null : tabs,
                config.models.isEmpty() ? null : List.copyOf(config.models), config.pairingToken);
        return new Message(id, now, init, Metadata.EMPTY.withSource("extension"));
    }

    @Override
    public List<Message> afterHandshake(ConnectionAck ack) {
        // The old connection's chat turns died with it: the relay has already failed them.
        chats.values().forEach(reply -> reply.cancel("disconnected"));
        chats.clear();
        return List.of();
    }

    /** The tab list last announced (in connection-init or with {@link #updateTabs}). */
    public List<TabInfo> tabs() {
        return tabs;
    }

    /**
     * Announces a new tab list ({@code capabilities} frame); it is also what the next {@code connection-init}
     * carries after a reconnect.
     */
    public CompletableFuture<Ack> updateTabs(List<TabInfo> newTabs) {
        this.tabs = List.copyOf(newTabs);
        return call(new Capabilities(config.capabilities(), tabs, config.models.isEmpty() ? null : config.models),
                Metadata.EMPTY, null, Ack.class, null);
    }

    // ---- events ---------------------------------------------------------------------------------------------

    /**
     * Publishes any event for the default tab. Events queue while disconnected and go out, in order and within
     * the throttle, after the next handshake.
     *
     * @throws RelayException {@code queue-full} when the outbound queue is full, {@code closed} after close
     */
    public void publish(EventPayload event) {
        publish(event, Metadata.EMPTY);
    }

    /** Publishes an event of one tab (with its URL, when known). */
    public void publish(EventPayload event, String tabId, String url) {
        publish(event, new Metadata(null, null, null, tabId, url));
    }

    public void publish(Payload event, Metadata metadata) {
        socket.send(frame(event, metadata));
    }

    public void consoleLog(String level, String message) {
        publish(new ConsoleLog(level, message, null, null, null));
    }

    public void consoleError(String message, String stack) {
        publish(new ConsoleError("error", message, null, null, stack));
    }

    public void networkRequest(NetworkRequest request) {
        publish(request);
    }

    public void networkError(NetworkError error) {
        publish(error);
    }

    public void elementSelected(SelectedElement element) {
        publish(new ElementSelected(element));
    }

    public void navigation(String url, String title) {
        publish(new Navigation(url, title, null, null));
    }

    /** Forwards a CDP event to ops clients. */
    public void cdpEvent(CdpEvent event) {
        publish(event, Metadata.EMPTY);
    }

    /** Asks the relay to clear stored logs (of one tab, or all with null); completes with the count. */
    public CompletableFuture<Integer> clearLogs(String tabId) {
        return call(new ClearLogs(tabId), Metadata.EMPTY, null, Ack.class, null)
                .thenApply(ack -> ack.count() == null ? 0 : ack.count());
    }

    // ---- commands -------------------------------------------------------------------------------------------

    @Override
    public void onFrame(Message frame) {
        switch (frame.data()) {
            case ScreenshotRequest request -> screenshot(frame, request);
            case ClearLogs request -> clearLogs(frame, request);
            case SendChatMessage request -> chat(frame, request);
            case CancelChat cancel -> {
                ChatReply reply = chats.remove(cancel.requestId());
                if (reply != null) {
                    reply.cancel(cancel.reason());
                }
            }
            case NewSession c -> session(frame, () -> sessions().newSession(c, frame));
            case GetSession c -> session(frame, () -> sessions().getSession(c, frame));
            case Disconnect c -> session(frame, () -> sessions().disconnect(c, frame));
            case GetTabId c -> session(frame, () -> sessions().getTabId(c, frame));
            case PollingSession c -> session(frame, () -> sessions().pollingSession(c, frame));
            case CdpCommand command -> cdp(frame, command);
            case AnnotationCommand command -> annotation(frame, command);
            default -> { } // acks of fire-and-forget frames, notices
        }
    }

    private Metadata replyMetadata(Message request) {
        String tab = request.metadata().tabId() != null ? request.metadata().tabId() : config.tabId;
        return new Metadata(sessionId().orElse(null), "extension", null, tab, null);
    }

    private void send(Message message) {
        try {
            socket.send(message);
        } catch (RelayException e) {
            // closed or full: the relay times the request out, which is the truthful outcome
        }
    }

    private void screenshot(Message frame, ScreenshotRequest request) {
        ScreenshotResponse response;
        if (config.screenshots == null) {
            response = ScreenshotResponse.failed("this extension does not take screenshots");
        } else {
            try {
                response = Objects.requireNonNull(config.screenshots.capture(request, frame), "screenshot handler returned null");
            } catch (Exception e) {
                response = ScreenshotResponse.failed(message(e));
            }
        }
        send(reply(frame, response, replyMetadata(frame)));
    }

    private void clearLogs(Message frame, ClearLogs request) {
        if (config.clearLogs == null) {
            send(reply(frame, new Ack(frame.id(), "ok", 0, null), replyMetadata(frame)));
            return;
        }
        try {
            int count = config.clearLogs.clear(request, frame);
            send(reply(frame, new Ack(frame.id(), "ok", count, null), replyMetadata(frame)));
        } catch (Exception e) {
            send(reply(frame, error(frame, e), replyMetadata(frame)));
        }
    }

    private void chat(Message frame, SendChatMessage request) {
        ChatSettings settings = request.settings() != null ? request.settings() : new ChatSettings(null, null, null, null);
        Metadata metadata = replyMetadata(frame);
        ChatReply reply = new ChatReply(request.requestId(), settings.model(), payload -> {
            if (isFinal(payload)) {
                chats.remove(request.requestId());
            }
            socket.send(frame(payload, metadata));
        });
        if (config.chat == null) {
            reply.fail("this extension does not answer chat messages", "unsupported");
            return;
        }
        chats.put(request.requestId(), reply);
        try {
            config.chat.onChat(new ChatRequest(request.requestId(), request.messages(), settings, frame), reply);
        } catch (Exception e) {
            if (!reply.isDone()) {
                reply.fail(message(e), e instanceof RelayException r ? r.code() : "handler-failed");
            }
        }
    }

    private static boolean isFinal(ChatPayload payload) {
        return !(payload instanceof dev.tabrelay.protocol.chat.ChatResponseChunk chunk) || chunk.isFinal()
                || payload instanceof ChatResponseError;
    }

    private SessionHandler sessions() {
        return config.sessions != null ? config.sessions : new SessionHandler() { };
    }

    private interface Answer {
        Payload get() throws Exception;
    }

    private void session(Message frame, Answer answer) {
        Payload result;
        try {
            result = Objects.requireNonNull(answer.get(), "session handler returned null");
        } catch (Exception e) {
            result = error(frame, e);
        }
        send(reply(frame, result, replyMetadata(frame)));
    }

    private void cdp(Message frame, CdpCommand command) {
        CdpResult result;
        if (config.cdp == null) {
            result = new CdpResult(command.id(), null, new CdpError(-32601, "this extension does not run CDP commands", null),
                    command.sessionId());
        } else {
            try {
                result = new CdpResult(command.id(), config.cdp.execute(command), null, command.sessionId());
            } catch (Exception e) {
                result = new CdpResult(command.id(), null, new CdpError(-32000, message(e), null), command.sessionId());
            }
        }
        send(reply(frame, result, replyMetadata(frame)));
    }

    private void annotation(Message frame, AnnotationCommand command) {
        AnnotationResponse response;
        if (config.annotations == null) {
            response = new AnnotationResponse(command.requestId(), "error", null,
                    new CdpError(null, "this extension does not annotate", null));
        } else {
            try {
                response = new AnnotationResponse(command.requestId(), "ok", config.annotations.handle(command), null);
            } catch (Exception e) {
                response = new AnnotationResponse(command.requestId(), "error", null, new CdpError(null, message(e), null));
            }
        }
        send(reply(frame, response, replyMetadata(frame)));
    }

    private static ErrorFrame error(Message frame, Exception e) {
        String code = e instanceof RelayException r ? r.code() : RelayException.HANDLER_FAILED;
        return ErrorFrame.of(code, message(e), frame.id());
    }

    private static String message(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Builds an {@link ExtensionClient}; defaults suit a Chrome extension with one tab. */
    public static final class Builder extends ClientBuilder<Builder> {
        private String clientType = "chrome-extension";
        private String version = "1.0.0";
        private List<String> capabilities;
        private String userAgent = "TabRelay Java SDK";
        private String tabId;
        private final List<TabInfo> tabs = new ArrayList<>();
        private final List<ModelInfo> models = new ArrayList<>();
        private String pairingToken;
        private ScreenshotHandler screenshots;
        private ClearLogsHandler clearLogs;
        private ChatHandler chat;
        private SessionHandler sessions;
        private CdpHandler cdp;
        private AnnotationHandler annotations;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** {@code connection-init.clientType} (default {@code chrome-extension}). */
        public Builder clientType(String value) {
            this.clientType = Objects.requireNonNull(value);
            return this;
        }

        /** The extension's version (default {@code 1.0.0}). */
        public Builder version(String value) {
            this.version = value;
            return this;
        }

        /** Capabilities to announce (default: console, network and element capture plus one per handler set). */
        public Builder capabilities(String... values) {
            this.capabilities = List.of(values);
            return this;
        }

        public Builder userAgent(String value) {
            this.userAgent = value;
            return this;
        }

        /** The tab this connection speaks for by default. */
        public Builder tabId(String value) {
            this.tabId = value;
            return this;
        }

        /** Adds a tab this extension serves. */
        public Builder tab(String tabId, String url, String title) {
            tabs.add(new TabInfo(tabId, url, title));
            return this;
        }

        /** Adds a chat model this extension answers for. */
        public Builder model(String id) {
            models.add(new ModelInfo(id, "tabrelay"));
            return this;
        }

        /** Pairing token for relays that require pairing. */
        public Builder pairingToken(String value) {
            this.pairingToken = value;
            return this;
        }

        public Builder onScreenshot(ScreenshotHandler handler) {
            this.screenshots = handler;
            return this;
        }

        public Builder onClearLogs(ClearLogsHandler handler) {
            this.clearLogs = handler;
            return this;
        }

        public Builder onChat(ChatHandler handler) {
            this.chat = handler;
            return this;
        }

        /** ConnectWindow commands (NewSession, GetSession, Disconnect, GetTabId, PollingSession). */
        public Builder onSession(SessionHandler handler) {
            this.sessions = handler;
            return this;
        }

        public Builder onCdp(CdpHandler handler) {
            this.cdp = handler;
            return this;
        }

        public Builder onAnnotation(AnnotationHandler handler) {
            this.annotations = handler;
            return this;
        }

        List<String> capabilities() {
            if (capabilities != null) {
                return capabilities;
            }
            LinkedHashSet<String> derived = new LinkedHashSet<>(List.of("console-capture", "network-capture", "element-selection"));
            if (screenshots != null) {
                derived.add("screenshot-capture");
            }
            if (chat != null) {
                derived.add("chat");
            }
            if (sessions != null) {
                derived.add("sessions");
            }
            if (cdp != null) {
                derived.add("cdp");
            }
            return List.copyOf(derived);
        }

        /** Builds the client (not yet connected); later changes to this builder do not affect it. */
        public ExtensionClient build() {
            return new ExtensionClient(settings("extension", "/extension-ws", List.of("tabrelay-extension-v1"),
                    Map::of, Map.of()), copy());
        }

        private Builder copy() {
            Builder c = new Builder();
            c.clientType = clientType;
            c.version = version;
            c.capabilities = capabilities();
            c.userAgent = userAgent;
            c.tabId = tabId;
            c.tabs.addAll(tabs);
            c.models.addAll(models);
            c.pairingToken = pairingToken;
            c.screenshots = screenshots;
            c.clearLogs = clearLogs;
            c.chat = chat;
            c.sessions = sessions;
            c.cdp = cdp;
            c.annotations = annotations;
            return c;
        }
    }

}
