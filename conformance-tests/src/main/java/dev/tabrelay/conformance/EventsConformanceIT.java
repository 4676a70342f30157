package dev.tabrelay.conformance;

import dev.tabrelay.client.EventFilter;
import dev.tabrelay.client.EventListener;
import dev.tabrelay.client.ExtensionClient;
import dev.tabrelay.client.McpClient;
import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.TabEvent;
import dev.tabrelay.client.http.LogEntry;
import dev.tabrelay.client.http.LogPage;
import dev.tabrelay.client.http.LogQuery;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Extension events: fan-out to MCP clients, subscription filters, GET /v1/logs (docs/server.md, MCP side, HTTP API). */
class EventsConformanceIT {

    /** Every event the MCP client receives, in arrival order. */
    private static McpClient collecting(ServerTarget target, BlockingQueue<TabEvent<?>> into) {
        return Sdk.mcp(target).eventListener(new EventListener() {
            @Override
            public void onEvent(TabEvent<?> event) {
                into.add(event);
            }
        }).build();
    }

    /** The next event of {@code tabId} (events of other tabs, e.g. left over from other suites, are skipped). */
    private static TabEvent<?> nextOfTab(BlockingQueue<TabEvent<?>> events, String tabId) {
        return nextMatching(events, "an event of " + tabId, e -> tabId.equals(e.tabId()));
    }

    private static TabEvent<?> nextMatching(BlockingQueue<TabEvent<?>> events, String what, Predicate<TabEvent<?>> match) {
        while (true) {
            TabEvent<?> event = Sdk.take(events, what);
            if (match.test(event)) {
                return event;
            }
        }
    }

    @ConformanceTest
    void extensionEventsReachAnMcpClientWithSessionAndTabMetadata(ServerTarget target) {
        String tab = Sdk.unique("tab-events");
        BlockingQueue<TabEvent<?>> events = new LinkedBlockingQueue<>();
        try (McpClient mcp = collecting(target, events);
             ExtensionClient extension = Sdk.extension(target, tab).build()) {
            Sdk.await(mcp.connect(), "the MCP connection-ack");
            String sessionId = Sdk.await(extension.connect(), "the extension connection-ack").sessionId();

            extension.consoleLog("warn", "hello " + tab);
            extension.consoleError("boom " + tab, "at line 1");

            TabEvent<?> log = nextOfTab(events, tab);
            assertEquals("console-log", log.type());
            ConsoleLog consoleLog = (ConsoleLog) log.data();
            assertEquals("hello " + tab, consoleLog.message());
            assertEquals("warn", consoleLog.level());
            assertEquals(sessionId, log.sessionId(), "metadata.sessionId is the relay's session of the extension");
            assertEquals(tab, log.tabId(), "metadata.tabId defaults to the connection-init tab");

            TabEvent<?> error = nextOfTab(events, tab);
            assertEquals("console-error", error.type());
            assertEquals("boom " + tab, ((ConsoleError) error.data()).message());
            assertEquals(sessionId, error.sessionId());
        }
    }

    @ConformanceTest
    void subscriptionFilterByTypeAndTabNarrowsDelivery(ServerTarget target) {
        String tab = Sdk.unique("tab-filter");
        String otherTab = Sdk.unique("tab-other");
        BlockingQueue<TabEvent<?>> events = new LinkedBlockingQueue<>();
        try (McpClient mcp = collecting(target, events);
             ExtensionClient extension = Sdk.extension(target, tab).build()) {
            Sdk.await(mcp.connect(), "the MCP connection-ack");
            Sdk.await(mcp.subscribe(EventFilter.types("console-error").withTabId(tab)), "the subscribe ack");
            Sdk.await(extension.connect(), "the extension connection-ack");

            // Both filtered out: wrong type on the right tab, right type on another tab. They are published first,
            // from the same connection, so if the relay delivered them they would arrive before the marker.
            extension.publish(new ConsoleLog("log", "filtered by type", null, null, null), tab, null);
            extension.publish(new ConsoleError("error", "filtered by tab", null, null, null), otherTab, null);
            extension.publish(new ConsoleError("error", "marker " + tab, null, null, null), tab, null);

            TabEvent<?> first = Sdk.take(events, "the marker console-error");
            assertEquals("console-error", first.type(), "first delivered event: " + first.frame());
            assertEquals(tab, first.tabId(), "first delivered event: " + first.frame());
            assertEquals("marker " + tab, ((ConsoleError) first.data()).message());
        }
    }

    @ConformanceTest
    void logsAreListedNewestFirstWithLimitAndCursor(ServerTarget target) {
        String tab = Sdk.unique("tab-logs");
        BlockingQueue<TabEvent<?>> events = new LinkedBlockingQueue<>();
        try (McpClient mcp = collecting(target, events);
             ExtensionClient extension = Sdk.extension(target, tab).build();
             RelayHttpClient http = Sdk.http(target)) {
            Sdk.await(mcp.connect(), "the MCP connection-ack");
            Sdk.await(mcp.subscribe(EventFilter.all().withTabId(tab)), "the subscribe ack");
            Sdk.await(extension.connect(), "the extension connection-ack");
            for (int i = 0; i < 5; i++) {
                extension.consoleLog("log", "m" + i);
            }
            // The relay stores an event before fanning it out: once the MCP client has the last one, all are stored.
            nextMatching(events, "m4 of " + tab, e -> tab.equals(e.tabId())
                    && e.data() instanceof ConsoleLog l && "m4".equals(l.message()));

            LogQuery query = LogQuery.tab(tab).withLimit(2);
            LogPage first = http.logs(query);
            assertEquals(List.of("m4", "m3"), messages(first), "newest first, limit 2");
            assertTrue(first.hasMore());
            assertNotNull(first.nextCursor());
            assertTrue(first.entries().get(0).seq() > first.entries().get(1).seq(), "seq falls on a newest-first page");

            LogPage second = http.logs(query.withCursor(first.nextCursor()));
            assertEquals(List.of("m2", "m1"), messages(second));
            assertTrue(second.hasMore());

            LogPage third = http.logs(query.withCursor(second.nextCursor()));
            assertEquals(List.of("m0"), messages(third));
            assertFalse(third.hasMore(), "the last page says hasMore:false");

            for (LogEntry entry : first.entries()) {
                assertEquals(tab, entry.message().metadata().tabId());
                assertEquals(extension.sessionId().orElseThrow(), entry.message().metadata().sessionId());
            }
        }
    }

    private static List<String> messages(LogPage page) {
        return page.entries().stream().map(e -> ((ConsoleLog) e.message().data()).message()).toList();
    }
}
