package dev.tabrelay.server.tabs;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.Ids;
import dev.tabrelay.server.connection.PendingRequests;
import dev.tabrelay.server.connection.RequestFailure;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Asks a tab's extension for a screenshot, for any requester (MCP socket, HTTP API, BrowserTools endpoint).
 * The frame sent to the extension gets a fresh server id, so two requesters that reuse the same id never
 * collide; the outcome comes back through {@link PendingRequests}.
 */
public final class ScreenshotService {

    /** A successful capture and where it came from. */
    public record Capture(String sessionId, String tabId, String url, ScreenshotResponse response) {
    }

    private final TabDirectory tabs;
    private final PendingRequests pending;
    private final Ids ids;
    private final Clock clock;
    private final Duration timeout;

    public ScreenshotService(TabDirectory tabs, PendingRequests pending, Ids ids, Clock clock, Duration timeout) {
        this.tabs = tabs;
        this.pending = pending;
        this.ids = ids;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Never throws: routing failures complete the future exceptionally with a {@link RequestFailure}. */
    public CompletableFuture<Capture> capture(String tabId, String sessionId, ScreenshotRequest request) {
        return capture(tabId, sessionId, request, (capture, error) -> { });
    }

    /**
     * As {@link #capture(String, String, ScreenshotRequest)}, with {@code outcome} attached before the request goes
     * to the extension. A requester that answers on its own socket needs that: attached after the send, a failure
     * that came first (shutdown fails every pending request, then closes every socket) would run it only once the
     * requester's socket was closed, and its error reply would be lost.
     */
    public CompletableFuture<Capture> capture(String tabId, String sessionId, ScreenshotRequest request,
                                              BiConsumer<? super Capture, ? super Throwable> outcome) {
        Connection extension;
        try {
            extension = tabs.route(tabId, sessionId);
        } catch (RequestFailure e) {
            CompletableFuture<Capture> failed = CompletableFuture.failedFuture(e);
            failed.whenComplete(outcome);
            return failed;
        }
        String target = tabId != null ? tabId : tabs.defaultTab(extension.id());
        String url = tabs.tab(extension.id(), target).map(TabDirectory.Tab::url).orElse(null);
        String requestId = ids.next("shot");
        CompletableFuture<Message> reply = pending.register(extension, requestId, timeout,
                "screenshot of " + (target == null ? "the active tab" : "tab " + target) + " from " + extension.id());
        CompletableFuture<Capture> result = reply.thenApply(message -> {
            ScreenshotResponse response = message.dataAs(ScreenshotResponse.class);
            if (response == null || !Boolean.TRUE.equals(response.success())) {
                String why = response == null ? "unexpected reply " + message.type()
                        : response.error() != null ? response.error() : "the extension reported a failure";
                throw new RequestFailure("screenshot-failed", why);
            }
            String tab = message.metadata().tabId() != null ? message.metadata().tabId() : target;
            return new Capture(extension.id(), tab, url, response);
        });
        result.whenComplete(outcome);
        Metadata metadata = new Metadata(extension.id(), "tabrelay-server", null, target, null);
        if (!extension.send(new Message(requestId, clock.millis(), request == null ? ScreenshotRequest.png() : request, metadata))) {
            pending.fail(extension.id(), requestId, new RequestFailure(RequestFailure.PEER_GONE,
                    "the extension " + extension.id() + " is disconnecting"));
        }
        return result;
    }
}
