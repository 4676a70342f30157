package dev.tabrelay.client;

import dev.tabrelay.client.http.ExtensionSession;
import dev.tabrelay.client.internal.Throttle;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reconnect, drops, throttle, queue limits, clean close and thread hygiene, against the real relay. */
@Timeout(90)
class ConnectionLifecycleTest {

    static final Backoff FAST = Backoff.exponential().withInitialDelay(Duration.ofMillis(100))
            .withMaxDelay(Duration.ofMillis(500)).withMaxAttempts(20);

    @Test
    void reconnectsAfterServerRestartAndRestoresInitAndSubscription() {
        Recorder extStates = new Recorder();
        Recorder mcpSeen = new Recorder();
        try (RealRelay relay = new RealRelay();
             ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).backoff(FAST).listener(extStates)
                     .tabId("restart-tab").tab("restart-tab", "https://restart.example/", "R").build();
             McpClient mcp = McpClient.builder().serverUrl(relay.url()).backoff(FAST).listener(mcpSeen)
                     .eventListener(mcpSeen).build();
             RelayHttpClient http = RelayHttpClient.builder().serverUrl(relay.url()).build()) {
            ext.connect().join();
            mcp.connect().join();
            mcp.subscribe(EventFilter.types("console-error")).join();
            String firstSession = ext.sessionId().orElseThrow();
            extStates.awaitState(ConnectionState.OPEN);
            mcpSeen.awaitState(ConnectionState.OPEN);

            relay.restart();

            extStates.awaitState(ConnectionState.RECONNECTING);
            extStates.awaitState(ConnectionState.OPEN);
            mcpSeen.awaitState(ConnectionState.RECONNECTING);
            mcpSeen.awaitState(ConnectionState.OPEN);
            String secondSession = ext.sessionId().orElseThrow();
            assertTrue(!secondSession.equals(firstSession), "a new server gives a new session");

            // connection-init was sent again: the new server knows the tab and its URL.
            ExtensionSession session = http.tabs().stream().filter(s -> s.sessionId().equals(secondSession))
                    .findFirst().orElseThrow();
            assertEquals("restart-tab", session.defaultTabId());
            assertEquals("https://restart.example/", session.tabs().get(0).url());

            // The subscription was restored (a fresh MCP connection would get everything).
            mcp.heartbeat().join(); // the restore frame went out before this one
            ext.consoleLog("info", "filtered out");
            ext.consoleError("after restart", null);
            TabEvent<?> event = mcpSeen.awaitEvent("console-error");
            assertEquals("after restart", ((ConsoleError) event.data()).message());
            assertTrue(mcpSeen.events.stream().noneMatch(e -> e.type().equals("console-log")));
        }
    }

    @Test
    void pendingCallsFailAtOnceWhenTheConnectionDrops() throws InterruptedException {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (RealRelay relay = new RealRelay();
             ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).tabId("drop-tab")
                     .onScreenshot((request, frame) -> {
                         asked.countDown();
                         never.await(5, TimeUnit.SECONDS);
                         return ScreenshotResponse.failed("late");
                     }).build();
             McpClient mcp = McpClient.builder().serverUrl(relay.url()).backoff(Backoff.none())
                     .requestTimeout(Duration.ofSeconds(30)).build()) {
            ext.connect().join();
            mcp.connect().join();
            CompletableFuture<Screenshot> waiting = mcp.requestScreenshot(Target.tab("drop-tab"));
            // Stop only once the call is really pending at the extension: stopped earlier, the relay may read the
            // request mid-shutdown and answer it with whatever it finds then (no tab, the extension gone).
            assertTrue(asked.await(10, TimeUnit.SECONDS), "the request never reached the extension");
            long start = System.nanoTime();
            relay.stop();
            CompletionException e = assertThrows(CompletionException.class, waiting::join);
            RelayException cause = assertInstanceOf(RelayException.class, e.getCause());
            assertTrue(Set.of("shutdown", RelayException.DISCONNECTED).contains(cause.code()), cause.toString());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the failure was not immediate");
            never.countDown();

            // Backoff.none(): the drop closes the client for good.
            mcp.closed().join();
            assertEquals(ConnectionState.CLOSED, mcp.state());
            CompletionException after = assertThrows(CompletionException.class, () -> mcp.clearLogs().join());
            assertEquals(RelayException.CLOSED, ((RelayException) after.getCause()).code());
        }
    }

    @Test
    void connectFailsWhenTheBackoffGivesUp() {
        int port;
        try (RealRelay relay = new RealRelay()) {
            port = relay.port();
        }
        Recorder states = new Recorder();
        try (McpClient mcp = McpClient.builder().serverUrl("ws://127.0.0.1:" + port).listener(states)
                .backoff(Backoff.exponential().withInitialDelay(Duration.ofMillis(10)).withMaxAttempts(2)).build()) {
            CompletionException e = assertThrows(CompletionException.class, () -> mcp.connect().join());
            assertEquals(RelayException.DISCONNECTED, ((RelayException) e.getCause()).code());
            states.awaitState(ConnectionState.CLOSED);
            assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CONNECTING, ConnectionState.CONNECTING,
                    ConnectionState.CLOSED), states.allStates);
        }
    }

    @Test
    void throttleSpreadsFramesWithoutDroppingThem() {
        Recorder seen = new Recorder();
        try (RealRelay relay = new RealRelay();
             ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).tabId("throttle-tab")
                     .messagesPerSecond(20).build();
             McpClient mcp = McpClient.builder().serverUrl(relay.url()).eventListener(seen).build()) {
            mcp.connect().join();
            ext.connect().join();
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                ext.consoleLog("info", "m" + i);
            }
            for (int i = 0; i < 50; i++) {
                assertEquals("m" + i, ((dev.tabrelay.protocol.events.ConsoleLog) seen.awaitEvent("console-log").data()).message());
            }
            long elapsed = System.nanoTime() - start;
            // 20 at once, 20 after 1.1 s, 10 after 2.2 s.
            assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(2100), "sent too fast: " + elapsed / 1_000_000 + " ms");
            assertTrue(seen.errors.isEmpty(), "the relay rate-limited us: " + seen.errors);
        }
    }

    @Test
    void defaultThrottleKeepsUnderTheRelaysRateLimit() {
        Recorder ext = new Recorder();
        Recorder seen = new Recorder();
        try (RealRelay relay = new RealRelay();
             ExtensionClient client = ExtensionClient.builder().serverUrl(relay.url()).tabId("burst").listener(ext).build();
             McpClient mcp = McpClient.builder().serverUrl(relay.url()).eventListener(seen).listener(seen).build()) {
            mcp.connect().join();
            client.connect().join();
            for (int i = 0; i < 250; i++) {
                client.consoleLog("info", "b" + i);
            }
            for (int i = 0; i < 250; i++) {
                try {
                    seen.awaitEvent("console-log");
                } catch (AssertionError e) {
                    throw new AssertionError("event " + i + " missing; extension errors " + ext.errors
                            + ", subscriber errors " + seen.errors, e);
                }
            }
            assertTrue(ext.errors.isEmpty(), "rate-limited by the relay: " + ext.errors);
        }
    }

    @Test
    void fullQueueFailsClearly() {
        try (ExtensionClient ext = ExtensionClient.builder().serverUrl("http://127.0.0.1:9").maxQueuedMessages(3).build()) {
            ext.consoleLog("info", "1");
            ext.consoleLog("info", "2");
            ext.consoleLog("info", "3");
            RelayException e = assertThrows(RelayException.class, () -> ext.consoleLog("info", "4"));
            assertEquals(RelayException.QUEUE_FULL, e.code());
            assertTrue(e.getMessage().contains("queue is full"), e.getMessage());
        }
    }

    @Test
    void throttleWindowSlides() {
        Throttle throttle = new Throttle(3);
        long t = 1_000_000_000L;
        assertTrue(throttle.tryAcquire(t));
        assertTrue(throttle.tryAcquire(t + 10));
        assertTrue(throttle.tryAcquire(t + 20));
        assertTrue(!throttle.tryAcquire(t + 30));
        assertEquals(1_100_000_000L - 30, throttle.nanosUntilPermit(t + 30));
        assertTrue(!throttle.tryAcquire(t + 1_000_000_000L)); // 1.1 s windows: a margin for jitter
        assertTrue(throttle.tryAcquire(t + 1_100_000_000L));
        assertTrue(!throttle.tryAcquire(t + 1_100_000_005L));
        assertTrue(new Throttle(0).tryAcquire(t));
    }

    @Test
    void backoffDoublesWithJitterAndCap() {
        Backoff b = Backoff.exponential();
        assertEquals(Duration.ofSeconds(1), b.delay(0, 0.5));
        assertEquals(Duration.ofSeconds(16), b.delay(4, 0.5));
        assertEquals(Duration.ofSeconds(30), b.delay(10, 0.5));
        assertEquals(Duration.ofMillis(800), b.delay(0, 0.0));
        assertEquals(Duration.ofMillis(1200), b.delay(0, 1.0));
        assertEquals(5, b.maxAttempts());
        assertTrue(!Backoff.none().enabled());
    }

    @Test
    void closeIsCleanAndLeavesNoThreads() {
        try (RealRelay relay = new RealRelay()) {
            // Warm up class loading and the server's own threads first.
            runEveryRole(relay);
            Set<String> before = liveThreads();
            runEveryRole(relay);
            awaitThreads(before);
        }
    }

    private static void runEveryRole(RealRelay relay) {
        Recorder states = new Recorder();
        ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).tabId("leak-tab")
                .onScreenshot((r, f) -> RealRelayRolesTest.png()).listener(states).build();
        McpClient mcp = McpClient.builder().serverUrl(relay.url()).build();
        RelayHttpClient http = RelayHttpClient.builder().serverUrl(relay.url()).build();
        try {
            ext.connect().join();
            mcp.connect().join();
            mcp.requestScreenshot(Target.tab("leak-tab")).join();
            assertEquals(2, http.health().connections().get("total"));
        } finally {
            ext.close();
            mcp.close();
            assertEquals(0, http.health().connections().get("total"), "the relay still sees our sockets");
            http.close();
        }
        states.awaitState(ConnectionState.CLOSED);
        assertEquals(ConnectionState.CLOSED, states.allStates.get(states.allStates.size() - 1));
        assertTrue(ext.closed().isDone());
        RelayException e = assertThrows(RelayException.class, () -> ext.consoleLog("info", "after close"));
        assertEquals(RelayException.CLOSED, e.code());
        ext.close(); // idempotent
    }

    private static Set<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(t -> t.getName() + "#" + t.threadId()).collect(Collectors.toSet());
    }

    /** Threads end shortly after their executor terminates; wait for that, never longer than 10 s. */
    private static void awaitThreads(Set<String> before) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<String> extra;
        do {
            extra = liveThreads().stream().filter(t -> !before.contains(t)).collect(Collectors.toSet());
            if (extra.isEmpty()) {
                return;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        StringBuilder stacks = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (!before.contains(thread.getName() + "#" + thread.threadId())) {
                stacks.append("\n").append(thread.getName()).append(" ").append(thread.getState());
                for (StackTraceElement element : stack) {
                    stacks.append("\n    at ").append(element);
                }
            }
        });
        throw new AssertionError("threads left behind: " + extra + stacks);
    }
}
