package dev.tabrelay.simulator;

import dev.tabrelay.client.ChatStream;
import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.RelayHttpException;
import dev.tabrelay.client.http.ChatCompletionChunk;
import dev.tabrelay.client.http.ChatCompletionRequest;
import dev.tabrelay.client.http.LogEntry;
import dev.tabrelay.client.http.LogQuery;
import dev.tabrelay.client.http.TabScreenshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator as a library against the real relay. Tests run one at a time, so chat goes to this test's tabs. */
@Timeout(90)
class SimulatorRelayTest {

    static RealRelay relay;
    static RelayHttpClient http;

    @BeforeAll
    static void start() {
        relay = new RealRelay();
        http = RelayHttpClient.builder().serverUrl(relay.url()).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        relay.close();
    }

    private static Simulator.Builder simulator(String prefix, List<String> lines) {
        return Simulator.builder().url(relay.url()).tabPrefix(prefix).output(lines::add);
    }

    @Test
    void answersPlainChatThroughTheHttpApi() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (Simulator sim = simulator("plain-", lines).chat(ChatBehaviour.fixed("forty-two")).build().start()) {
            String answer = http.chatCompletion(ChatCompletionRequest.user("any-model", "the answer?")).content();
            assertEquals("forty-two", answer);
            Stats.Summary summary = sim.stop();
            assertEquals(1, summary.chatTurns());
            assertEquals(1, summary.connects());
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("chat") && l.contains("answered \"forty-two\"")), lines::toString);
        assertTrue(lines.get(lines.size() - 1).contains("summary connects=1"), lines::toString);
    }

    @Test
    void streamsEchoInChunks() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (Simulator sim = simulator("stream-", lines).chat(ChatBehaviour.streamed(4, Duration.ofMillis(20)))
                .build().start()) {
            StringBuilder text = new StringBuilder();
            int pieces = 0;
            try (ChatStream stream = http.streamChatCompletion(ChatCompletionRequest.user("m", "hello stream"))) {
                for (ChatCompletionChunk chunk : stream) {
                    text.append(chunk.content());
                    pieces += chunk.content().isEmpty() ? 0 : 1;
                }
            }
            assertEquals("echo: hello stream", text.toString());
            assertTrue(pieces >= 2, "streamed in pieces: " + pieces);
            assertEquals(4, sim.summary().chatChunks());
        }
    }

    @Test
    void errorBehaviourBecomesAnHttpFailure() {
        try (Simulator ignored = simulator("error-", new ArrayList<>()).chat(ChatBehaviour.error("boom")).build().start()) {
            RelayHttpException e = assertThrows(RelayHttpException.class,
                    () -> http.chatCompletion(ChatCompletionRequest.user("m", "fail please")));
            assertEquals(502, e.status(), e.getMessage());
        }
    }

    @Test
    void generatedEventsAreStoredInTheLogs() {
        try (Simulator sim = simulator("events-", Collections.synchronizedList(new ArrayList<>())).tabs(2).build().start()) {
            sim.publishNow(EventKind.NETWORK);
            sim.publishNow(EventKind.ELEMENT);
            eventually(() -> count("events-1") >= 2 && count("events-2") >= 2);
            assertEquals(4, sim.summary().events());
            List<String> types = http.allLogs(LogQuery.tab("events-1")).map(e -> e.message().type()).toList();
            assertTrue(types.contains("element-selected"), types::toString);
        }
    }

    @Test
    void eventRatesGenerateEventsByThemselves() {
        try (Simulator sim = simulator("rate-", Collections.synchronizedList(new ArrayList<>()))
                .events(EventRate.console(20)).build().start()) {
            eventually(() -> count("rate-1") >= 3);
            assertTrue(sim.summary().events() >= 3);
        }
    }

    @Test
    void screenshotIsARealPngOfTheConfiguredSize() throws IOException {
        try (Simulator sim = simulator("shot-", new ArrayList<>()).screenshots(320, 200).build().start()) {
            TabScreenshot shot = http.screenshot("shot-1", null);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(shot.bytes()));
            assertNotNull(image, "decodable PNG");
            assertEquals(320, image.getWidth());
            assertEquals(200, image.getHeight());
            assertEquals(1, sim.summary().screenshots());
        }
    }

    @Test
    void frameFaultsGetErrorFramesAndTheOversizeCloses() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (Simulator sim = simulator("faults-", lines)
                .faults(Faults.none().malformedFrames(2).staleFrames(1).oversizeFrames(1)).build().start()) {
            Stats.Summary summary = sim.faultsDone().get(60, TimeUnit.SECONDS);
            assertEquals(4, summary.faultFrames());
            assertEquals(3, summary.errorFrames(), lines::toString);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("closed the fault connection 1009")), lines::toString);
    }

    @Test
    void disconnectFaultReconnects() {
        try (Simulator sim = simulator("drop-", Collections.synchronizedList(new ArrayList<>()))
                .faults(Faults.none().disconnectAfter(2)).build().start()) {
            sim.publishNow(EventKind.CONSOLE);
            sim.publishNow(EventKind.CONSOLE);
            Stats.Summary summary = sim.summary();
            assertEquals(1, summary.disconnects());
            assertEquals(2, summary.connects());
            sim.publishNow(EventKind.CONSOLE); // the new connection works
            eventually(() -> count("drop-1") >= 1);
        }
    }

    @Test
    void connectWindowOpensASessionPerTab() {
        try (Simulator ignored = simulator("window-", Collections.synchronizedList(new ArrayList<>())).tabs(2)
                .connectWindow(ConnectWindow.defaults()).build().start()) {
            eventually(() -> sessionsJson().contains("window-1") && sessionsJson().contains("window-2"));
            assertTrue(sessionsJson().contains("8766"), SimulatorRelayTest::sessionsJson);
        }
    }

    private static String sessionsJson() {
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(relay.url() + "/v1/sessions"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void cliRunsForItsDurationAndPrintsTheSummary() throws InterruptedException {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        int code = Main.run(new String[]{"--url", relay.url(), "--tab-prefix", "cli-", "--tabs", "2",
                "--events-per-second", "10", "--duration-s", "1"}, out::add, err::add);
        assertEquals(0, code, err::toString);
        assertTrue(out.stream().anyMatch(l -> l.contains("cli-2 connected")), out::toString);
        assertTrue(out.get(out.size() - 1).contains("summary connects=2"), out::toString);
    }

    private static long count(String tabId) {
        return http.allLogs(LogQuery.tab(tabId)).map(LogEntry::seq).count();
    }

    // Polls the relay's state: there is no push notification for "stored in the logs".
    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "condition not met within 30 s");
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @Test
    void answersCdpAndAnnotationThroughTheOpsChannel() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.BlockingQueue<dev.tabrelay.protocol.Message> events = new java.util.concurrent.LinkedBlockingQueue<>();
        try (Simulator sim = simulator("cdp-", lines).tabs(2).build().start();
             dev.tabrelay.client.OpsClient ops = dev.tabrelay.client.OpsClient.builder().serverUrl(relay.url())
                     .pairingToken(relay.pairingToken())
                     .opsListener(new dev.tabrelay.client.OpsListener() {
                         @Override
                         public void onCdpEvent(dev.tabrelay.protocol.ops.CdpEvent event, dev.tabrelay.protocol.Message frame) {
                             events.add(frame);
                         }
                     }).build()) {
            ops.connect().join();
            dev.tabrelay.client.Lease lease = ops.acquireLease().join();
            Duration wait = Duration.ofSeconds(10);
            assertEquals("TabRelaySimulator/1.0",
                    ops.cdp("Browser.getVersion", null, null, "cdp-1", wait).join().get("product"));
            java.util.Map<String, Object> six = ops.cdp("Runtime.evaluate", java.util.Map.of("expression", "6 * 7"),
                    null, "cdp-1", wait).join();
            assertEquals(42.0, ((java.util.Map<?, ?>) six.get("result")).get("value"));
            assertEquals("cdp-1", events.poll(10, TimeUnit.SECONDS).metadata().tabId());

            String session = (String) ops.cdp("Target.attachToTarget", java.util.Map.of("targetId", "page-2", "flatten", true),
                    null, "cdp-2", wait).join().get("sessionId");
            dev.tabrelay.protocol.Message attached = events.poll(10, TimeUnit.SECONDS);
            assertEquals("Target.attachedToTarget", attached.dataAs(dev.tabrelay.protocol.ops.CdpEvent.class).method());
            assertEquals("cdp-2", attached.metadata().tabId());
            ops.cdp("Runtime.evaluate", java.util.Map.of("expression", "'hi'"), session, null, wait).join();
            assertEquals("cdp-2", events.poll(10, TimeUnit.SECONDS).metadata().tabId(), "routed by the flat session");
            dev.tabrelay.client.RelayException unknown = assertThrows(dev.tabrelay.client.RelayException.class, () -> {
                try {
                    ops.cdp("Nope.nothing", null, null, "cdp-1", wait).join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause();
                }
            });
            assertEquals("cdp-error", unknown.code());

            dev.tabrelay.protocol.ops.AnnotationResponse annotation = ops.annotate("start", null).join();
            assertEquals("ok", annotation.status());
            assertTrue(ops.releaseLease(lease).join());
            sim.stop();
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("cdp Target.attachToTarget")), lines::toString);
    }
}
