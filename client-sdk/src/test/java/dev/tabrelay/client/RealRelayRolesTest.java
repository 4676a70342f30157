package dev.tabrelay.client;

import dev.tabrelay.client.http.ExtensionSession;
import dev.tabrelay.client.http.Health;
import dev.tabrelay.client.http.LogEntry;
import dev.tabrelay.client.http.LogPage;
import dev.tabrelay.client.http.LogQuery;
import dev.tabrelay.client.http.TabScreenshot;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ImageDimensions;
import dev.tabrelay.protocol.events.NetworkRequest;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import dev.tabrelay.protocol.events.SelectedElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Extension, MCP and HTTP roles against the real relay on an ephemeral port. */
@Timeout(60)
class RealRelayRolesTest {

    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    static RealRelay relay;

    @BeforeAll
    static void start() {
        relay = new RealRelay();
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    static ScreenshotResponse png() {
        return new ScreenshotResponse(true, null, "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG),
                (long) PNG.length, new ImageDimensions(1, 1), null);
    }

    @Test
    void extensionPublishesAndMcpReceivesTypedEvents() {
        Recorder mcpEvents = new Recorder();
        try (ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).tabId("events-tab")
                .tab("events-tab", "https://example.com/", "Example").build();
             McpClient mcp = McpClient.builder().serverUrl(relay.url()).eventListener(mcpEvents)
                     .subscription(EventFilter.all().withTabId("events-tab")).build()) {
            mcp.connect().join();
            mcp.subscribe(EventFilter.all().withTabId("events-tab")).join(); // acknowledged: later events reach it
            String session = ext.connect().join().sessionId();
            assertEquals(session, ext.sessionId().orElseThrow());
            assertEquals(ConnectionState.OPEN, ext.state());

            ext.consoleLog("warn", "careful");
            ext.networkRequest(new NetworkRequest("https://example.com/api", "GET", 200, "OK", 12L, null, null, null));
            ext.elementSelected(new SelectedElement("button", "go", null, null, null, null, null, "Go", null, "#go"));
            ext.navigation("https://example.com/next", "Next");

            TabEvent<?> log = mcpEvents.awaitEvent("console-log");
            ConsoleLog data = assertInstanceOf(ConsoleLog.class, log.data());
            assertEquals("careful", data.message());
            assertEquals("events-tab", log.tabId());
            assertEquals(session, log.sessionId());
            assertEquals("https://example.com/api",
                    ((NetworkRequest) mcpEvents.awaitEvent("network-request").data()).url());
            assertEquals("element-selected", mcpEvents.awaitEvent("element-selected").type());
            assertEquals("https://example.com/next", mcpEvents.awaitEvent("navigation").url());
            assertTrue(mcpEvents.maxConcurrent.get() <= 1, "listeners ran concurrently");
        }
    }

    @Test
    void subscriptionFiltersTypes() {
        Recorder seen = new Recorder();
        try (ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).tabId("filter-tab").build();
             McpClient mcp = McpClient.builder().serverUrl(relay.url()).eventListener(seen).build()) {
            mcp.connect().join();
            mcp.subscribe(EventFilter.types("console-error").withTabId("filter-tab")).join();
            assertEquals(List.of("console-error"), mcp.subscription().orElseThrow().types());
            ext.connect().join();
            ext.consoleLog("info", "not for you");
            ext.consoleError("boom", "at x");
            TabEvent<?> first = seen.awaitEvent("console-error");
            assertEquals("boom", ((ConsoleError) first.data()).message());
            assertTrue(seen.events.stream().noneMatch(e -> e.type().equals("console-log")));
        }
    }

    @Test
    void screenshotRoundTripThroughHandlers() {
        try (ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).tabId("shot-tab")
                .onScreenshot((request, frame) -> png()).build();
             McpClient mcp = McpClient.builder().serverUrl(relay.url()).build();
             RelayHttpClient http = RelayHttpClient.builder().serverUrl(relay.url()).build()) {
            ext.connect().join();
            mcp.connect().join();
            Screenshot shot = mcp.requestScreenshot(Target.tab("shot-tab")).join();
            assertArrayEquals(PNG, shot.bytes());
            assertEquals("image/png", shot.mimeType());
            assertEquals("shot-tab", shot.tabId());
            assertEquals(ext.sessionId().orElseThrow(), shot.sessionId());

            TabScreenshot viaHttp = http.screenshot("shot-tab", ScreenshotRequest.png());
            assertArrayEquals(PNG, viaHttp.bytes());
            assertEquals("image/png", viaHttp.mimeType());
            assertEquals(1, viaHttp.dimensions().width());
        }
    }

    @Test
    void handlerExceptionBecomesAFailedScreenshot() {
        try (ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).tabId("broken-tab")
                .onScreenshot((request, frame) -> {
                    throw new IllegalStateException("tab is hidden");
                }).build();
             McpClient mcp = McpClient.builder().serverUrl(relay.url()).build()) {
            ext.connect().join();
            mcp.connect().join();
            CompletionException e = assertThrows(CompletionException.class,
                    () -> mcp.requestScreenshot(Target.tab("broken-tab")).join());
            RelayException cause = assertInstanceOf(RelayException.class, e.getCause());
            assertEquals("screenshot-failed", cause.code());
            assertTrue(cause.getMessage().contains("tab is hidden"), cause.getMessage());
        }
    }

    @Test
    void relayErrorsFailTheFutureWithTheirCode() {
        try (McpClient mcp = McpClient.builder().serverUrl(relay.url()).build()) {
            mcp.connect().join();
            CompletionException e = assertThrows(CompletionException.class,
                    () -> mcp.requestScreenshot(Target.tab("nobody-has-this-tab")).join());
            assertEquals("no-extension", ((RelayException) e.getCause()).code());
        }
    }

    @Test
    void callTimesOutWhenNoAnswerComes() {
        CountDownLatch release = new CountDownLatch(1);
        try (ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).tabId("slow-tab")
                .onScreenshot((request, frame) -> {
                    release.await(10, TimeUnit.SECONDS);
                    return png();
                }).build();
             McpClient mcp = McpClient.builder().serverUrl(relay.url()).build()) {
            ext.connect().join();
            mcp.connect().join();
            long start = System.nanoTime();
            CompletionException e = assertThrows(CompletionException.class, () -> mcp.requestScreenshot(
                    ScreenshotRequest.png(), Target.tab("slow-tab"), Duration.ofMillis(300)).join());
            assertEquals(RelayException.TIMEOUT, ((RelayException) e.getCause()).code());
            assertTrue(((RelayException) e.getCause()).retryable());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "the timeout took too long");
            release.countDown();
        }
    }

    @Test
    void clearLogsAndHeartbeatAndHttpQueries() {
        try (ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).tabId("logs-tab")
                .tab("logs-tab", "https://logs.example/", "Logs").build();
             McpClient mcp = McpClient.builder().serverUrl(relay.url()).build();
             RelayHttpClient http = RelayHttpClient.builder().serverUrl(relay.url()).build()) {
            ext.connect().join();
            mcp.connect().join();
            assertEquals("alive", mcp.heartbeat().join().status());
            assertEquals("alive", ext.heartbeat().join().status());

            for (int i = 0; i < 5; i++) {
                ext.consoleLog("info", "line " + i);
            }
            ext.heartbeat().join(); // frames are handled in order: every log is stored now

            Health health = http.health();
            assertTrue(health.ok());
            assertTrue(health.connections().get("total") >= 2);
            ExtensionSession session = http.tabs().stream()
                    .filter(s -> s.sessionId().equals(ext.sessionId().orElseThrow())).findFirst().orElseThrow();
            assertEquals("logs-tab", session.defaultTabId());
            assertEquals("https://logs.example/", session.tabs().get(0).url());

            LogPage first = http.logs(LogQuery.tab("logs-tab").withLimit(2));
            assertEquals(2, first.entries().size());
            assertTrue(first.hasMore());
            assertEquals("line 4", ((ConsoleLog) first.entries().get(0).message().data()).message());
            List<String> all = http.allLogs(LogQuery.tab("logs-tab").withTypes("console-log").withLimit(2))
                    .map(LogEntry::message).map(m -> ((ConsoleLog) m.data()).message()).collect(Collectors.toList());
            assertEquals(List.of("line 4", "line 3", "line 2", "line 1", "line 0"), all);

            assertEquals(5, mcp.clearLogs("logs-tab").join());
            assertFalse(http.logs(LogQuery.tab("logs-tab")).hasMore());
            assertEquals(0, http.logs(LogQuery.tab("logs-tab")).entries().size());
            ext.consoleLog("info", "again");
            ext.heartbeat().join();
            assertEquals(1, http.clearLogs("logs-tab"));
        }
    }

    @Test
    void httpErrorsCarryStatusAndCode() {
        try (RelayHttpClient http = RelayHttpClient.builder().serverUrl(relay.url()).build()) {
            RelayHttpException e = assertThrows(RelayHttpException.class,
                    () -> http.screenshot("no-such-tab", ScreenshotRequest.png()));
            assertEquals(404, e.status());
            assertEquals("no-extension", e.code());
            RelayHttpException bad = assertThrows(RelayHttpException.class,
                    () -> http.logs(LogQuery.all().withLimit(5000)));
            assertEquals(400, bad.status());
        }
    }
}
