package dev.tabrelay.simulator;

import dev.tabrelay.client.ChatStream;
import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.http.ChatCompletionChunk;
import dev.tabrelay.client.http.ChatCompletionRequest;
import dev.tabrelay.client.http.LogQuery;
import dev.tabrelay.client.http.TabScreenshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chat Relay and Browcall tabs on the relay's compatibility listeners, asked through the canonical HTTP API. */
@Timeout(90)
class LegacyDialectTest {

    static RealRelay relay;
    static RelayHttpClient http;

    @BeforeAll
    static void start() {
        relay = new RealRelay(b -> b.chatRelayPort(0).browcallPorts(0, 0));
        http = RelayHttpClient.builder().serverUrl(relay.url()).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        relay.close();
    }

    @Test
    void chatRelayTabAnswersWholeAndStreamed() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (Simulator sim = Simulator.builder().url(relay.url("chat-relay")).dialect(Dialect.CHAT_RELAY)
                .tabPrefix("cr-").chat(ChatBehaviour.streamed(3, Duration.ofMillis(10))).output(lines::add)
                .build().start()) {
            awaitDialect("chat-relay");
            assertEquals("echo: hi relay", http.chatCompletion(ChatCompletionRequest.user("m", "hi relay")).content(),
                    lines::toString);
            assertEquals("echo: streamed", streamed("streamed"), lines::toString);
            assertEquals(2, sim.summary().chatTurns());
        }
    }

    @Test
    void browcallTabAnswers() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (Simulator sim = Simulator.builder().url(relay.url("browcall-ws")).dialect(Dialect.BROWCALL)
                .chat(ChatBehaviour.fixed("from browcall")).output(lines::add).build().start()) {
            awaitDialect("browcall");
            assertEquals("from browcall", http.chatCompletion(ChatCompletionRequest.user("m", "q")).content(),
                    lines::toString);
            assertEquals(1, sim.summary().chatTurns());
        }
    }

    @Test
    void browserToolsTabTakesScreenshotsAndPostsLogs() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (Simulator sim = Simulator.builder().url(relay.url()).dialect(Dialect.BROWSER_TOOLS).tabPrefix("bt-")
                .screenshots(64, 48).output(lines::add).build().start()) {
            awaitDialect("browsertools");
            TabScreenshot shot = http.screenshot("bt-1", null);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(shot.bytes()));
            assertEquals(64, image.getWidth(), lines::toString);
            assertEquals(48, image.getHeight());
            sim.publishNow(EventKind.NETWORK); // a synchronous POST /extension-log
            assertEquals(1, sim.summary().events(), lines::toString);
            assertTrue(http.allLogs(LogQuery.all().withTypes("network-request", "network-error")).findAny().isPresent());
        }
    }

    private static String streamed(String prompt) {
        StringBuilder text = new StringBuilder();
        try (ChatStream stream = http.streamChatCompletion(ChatCompletionRequest.user("m", prompt))) {
            for (ChatCompletionChunk chunk : stream) {
                text.append(chunk.content());
            }
        }
        return text.toString();
    }

    // Legacy hellos get no reply, so the relay's tab list is the only sign the hello was taken.
    private static void awaitDialect(String dialect) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (http.tabs().stream().noneMatch(s -> dialect.equals(s.dialect()))) {
            assertFalse(System.nanoTime() > deadline, "no " + dialect + " extension registered: " + http.tabs());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
