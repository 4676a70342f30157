package dev.tabrelay.conformance;

import dev.tabrelay.client.EventFilter;
import dev.tabrelay.client.ExtensionClient;
import dev.tabrelay.client.McpClient;
import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.protocol.events.ConsoleLog;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** clear-logs from an MCP client or an extension, and DELETE /v1/logs: one tab's stored events only. */
class ClearLogsConformanceIT {

    /** Publishes {@code count} console-logs on {@code tab} and waits until the relay has stored them all. */
    private static void publishAndAwaitStored(ExtensionClient extension, McpClient mcp, BlockingQueue<String> seen,
                                              String tab, int count) {
        for (int i = 0; i < count; i++) {
            extension.publish(new ConsoleLog("log", tab + " #" + i, null, null, null), tab, null);
        }
        // Stored before fanned out: the MCP client seeing the last one means every one is stored.
        String last = tab + " #" + (count - 1);
        while (!last.equals(Sdk.take(seen, last))) {
            // earlier ones
        }
    }

    /** The MCP client subscribed to console logs, then the extension: both acknowledged. */
    private static void connect(McpClient mcp, ExtensionClient extension) {
        Sdk.await(mcp.connect(), "the MCP connection-ack");
        Sdk.await(mcp.subscribe(EventFilter.types("console-log")), "the subscribe ack");
        Sdk.await(extension.connect(), "the extension connection-ack");
    }

    private static McpClient watching(ServerTarget target, BlockingQueue<String> seen) {
        return Sdk.mcp(target).on(ConsoleLog.class, e -> seen.add(e.data().message())).build();
    }

    @ConformanceTest
    void mcpClearLogsRemovesOnlyThatTabsEventsAndReportsTheCount(ServerTarget target) {
        String tab = Sdk.unique("tab-clear");
        String keep = Sdk.unique("tab-keep");
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (McpClient mcp = watching(target, seen);
             ExtensionClient extension = Sdk.extension(target, tab).build();
             RelayHttpClient http = Sdk.http(target)) {
            connect(mcp, extension);
            publishAndAwaitStored(extension, mcp, seen, tab, 3);
            publishAndAwaitStored(extension, mcp, seen, keep, 2);

            assertEquals(3, Sdk.await(mcp.clearLogs(tab), "the clear-logs ack"), "ack.count = events removed");
            assertEquals(0, http.allLogs(dev.tabrelay.client.http.LogQuery.tab(tab)).count(), "the tab's logs are gone");
            assertEquals(2, http.allLogs(dev.tabrelay.client.http.LogQuery.tab(keep)).count(), "other tabs keep theirs");
            assertEquals(0, Sdk.await(mcp.clearLogs(tab), "a second clear-logs"), "nothing left to clear");
        }
    }

    @ConformanceTest
    void extensionClearLogsAndHttpDeleteClearOneTab(ServerTarget target) {
        String tab = Sdk.unique("tab-ext-clear");
        String other = Sdk.unique("tab-http-clear");
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (McpClient mcp = watching(target, seen);
             ExtensionClient extension = Sdk.extension(target, tab).build();
             RelayHttpClient http = Sdk.http(target)) {
            connect(mcp, extension);
            publishAndAwaitStored(extension, mcp, seen, tab, 2);
            publishAndAwaitStored(extension, mcp, seen, other, 4);

            assertEquals(2, Sdk.await(extension.clearLogs(tab), "the extension's clear-logs ack"));
            assertEquals(4, http.clearLogs(other), "DELETE /v1/logs?tabId= answers cleared = events removed");
            assertEquals(0, http.allLogs(dev.tabrelay.client.http.LogQuery.tab(tab)).count());
            assertEquals(0, http.allLogs(dev.tabrelay.client.http.LogQuery.tab(other)).count());
        }
    }

    @ConformanceTest
    void httpDeleteLogsAnswersStatusAndCleared(RelayClient relay) {
        RelayClient.HttpReply reply = relay.call(new okhttp3.Request.Builder()
                .url(relay.target().http("/v1/logs?tabId=" + Sdk.unique("tab-empty")).toString()).delete().build());
        assertEquals(200, reply.status(), reply.body());
        assertEquals("ok", reply.json().get("status"), reply.body());
        assertEquals(0.0, reply.json().get("cleared"), reply.body());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    }
}
