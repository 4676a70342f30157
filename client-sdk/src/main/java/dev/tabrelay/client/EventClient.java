package dev.tabrelay.client;

import dev.tabrelay.protocol.control.Ack;
import dev.tabrelay.protocol.events.ScreenshotRequest;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A subscriber to tab events that can also ask for screenshots and clear logs: {@link McpClient} on
 * {@code /mcp-ws} and {@link TunnelClient} on {@code /tunnel/{sessionId}}. Every future completes: with the
 * reply, with a {@link RelayException} carrying the relay's error code, or with {@code timeout}; and at once
 * with {@code disconnected} when the connection drops.
 */
public interface EventClient extends RelaySocketClient {

    /**
     * Replaces the subscription filter. The filter is remembered and sent again after every reconnect, even when
     * this call fails with {@code not-connected}.
     */
    CompletableFuture<Ack> subscribe(EventFilter filter);

    /** Stops all event delivery until the next {@link #subscribe}; also remembered across reconnects. */
    CompletableFuture<Ack> unsubscribe();

    /** The current filter; empty when unsubscribed. New clients receive everything ({@link EventFilter#all()}). */
    Optional<EventFilter> subscription();

    /** A PNG of the most recently active tab. */
    default CompletableFuture<Screenshot> requestScreenshot() {
        return requestScreenshot(ScreenshotRequest.png(), Target.any());
    }

    default CompletableFuture<Screenshot> requestScreenshot(Target target) {
        return requestScreenshot(ScreenshotRequest.png(), target);
    }

    CompletableFuture<Screenshot> requestScreenshot(ScreenshotRequest request, Target target);

    CompletableFuture<Screenshot> requestScreenshot(ScreenshotRequest request, Target target, Duration timeout);

    /** Clears every stored log; completes with how many events were removed. */
    default CompletableFuture<Integer> clearLogs() {
        return clearLogs(null);
    }

    /** Clears the stored logs of one tab (all with null). */
    CompletableFuture<Integer> clearLogs(String tabId);

    CompletableFuture<Integer> clearLogs(String tabId, Duration timeout);
}
