package dev.tabrelay.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.tabrelay.server.TestRelay.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The relay pings peers that went silent for a heartbeat interval: a client that answers pings (OkHttp, any
 * browser) but never sends a frame stays connected, one that does not answer is closed with 4000.
 */
class ServerPingTest {

    // Generous: the ping goes out between 1 and 1.25 intervals, the pong has until 2 intervals on a loaded machine.
    private static final Duration INTERVAL = Duration.ofMillis(1000);

    static TestRelay relay;

    @BeforeAll
    static void start() {
        relay = new TestRelay(b -> b.heartbeatInterval(INTERVAL).chatRelayPort(0));
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void silentOkHttpClientAnswersPingsAndStaysConnected() {
        // No client ping interval: OkHttp only answers the relay's pings, it never sends anything itself.
        try (WsClient ext = relay.connect("/extension-ws")) {
            ext.awaitOpen();
            assertStaysOpen(ext);
            assertFalse(ext.failed.isDone());
            ext.send(frame("hb", "heartbeat", Map.of(), null));
            ext.awaitReply("hb", "heartbeat");
        }
    }

    @Test
    void idleChatRelayExtensionStaysConnected() {
        // The legacy Chat Relay extension says EXTENSION_READY once and then nothing while idle.
        int port = relay.server.listeners().stream().filter(l -> l.name().equals("chat-relay")).findFirst()
                .orElseThrow().port();
        try (WsClient ext = WsClient.connect(relay.http, "ws://127.0.0.1:" + port + "/", new String[0], null)) {
            ext.awaitOpen();
            ext.send("{\"type\":\"EXTENSION_READY\"}");
            assertStaysOpen(ext);
            assertFalse(ext.failed.isDone());
            assertTrue(relay.get("/v1/tabs").text().contains("\"dialect\":\"chat-relay\""));
        }
    }

    @Test
    void peerThatIgnoresPingsIsClosedWith4000AfterTwoIntervals() throws Exception {
        long start = System.nanoTime();
        try (RawWsPeer peer = RawWsPeer.connect(relay.server.port(), "/extension-ws")) {
            RawWsPeer.Frame first = peer.next();
            long pingedAt = millisSince(start);
            assertEquals(RawWsPeer.PING, first.opcode(), "the relay pings a silent peer first");
            RawWsPeer.Frame close = peer.next();
            long closedAt = millisSince(start);
            assertEquals(RawWsPeer.CLOSE, close.opcode());
            assertEquals(4000, close.closeCode());
            assertTrue(pingedAt >= INTERVAL.toMillis() * 8 / 10, "pinged too early: " + pingedAt + " ms");
            assertTrue(closedAt >= INTERVAL.toMillis() * 18 / 10, "closed too early: " + closedAt + " ms");
        }
    }

    /** Open for 3.5 intervals: long enough for the relay to have closed a peer that does not answer pings. */
    private static void assertStaysOpen(WsClient ext) {
        try {
            Integer code = ext.closed.get(INTERVAL.toMillis() * 7 / 2, TimeUnit.MILLISECONDS);
            fail("closed with " + code);
        } catch (TimeoutException expected) {
            // still open
        } catch (Exception e) {
            fail("socket failed", e);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
