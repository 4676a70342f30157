package dev.tabrelay.client.examples;

import dev.tabrelay.client.EventFilter;
import dev.tabrelay.client.McpClient;
import dev.tabrelay.client.Screenshot;
import dev.tabrelay.client.Target;
import dev.tabrelay.protocol.events.ConsoleLog;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** README example: watch a tab and ask it for a screenshot. */
public final class McpExample {

    private McpExample() {
    }

    public record Result(String firstLog, int screenshotBytes, int cleared) {
    }

    /** Subscribes, waits for one console-log (published by {@code publisher} once subscribed), screenshots. */
    public static Result run(String relayUrl, Runnable publisher) throws Exception {
        BlockingQueue<String> logs = new LinkedBlockingQueue<>();
        // [snippet]
        try (McpClient mcp = McpClient.builder()
                .serverUrl(relayUrl)
                .on(ConsoleLog.class, event -> logs.add(event.tabId() + ": " + event.data().message()))
                .build()) {
            mcp.connect().join();
            mcp.subscribe(EventFilter.types("console-log", "console-error").withTabId("tab-1")).join();
            publisher.run();
            String firstLog = logs.take();                                  // "tab-1: hello from Java"
            Screenshot shot = mcp.requestScreenshot(Target.tab("tab-1")).join();   // reply, error or timeout
            int cleared = mcp.clearLogs("tab-1").join();
            return new Result(firstLog, shot.bytes().length, cleared);
        }
        // [/snippet]
    }
}
