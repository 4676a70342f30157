package dev.tabrelay.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtensionEndpointTest {

    static TestRelay relay;

    @BeforeAll
    static void start() {
        // A small frame limit keeps the oversize frame quick to send even on a loaded machine.
        relay = new TestRelay(b -> b.heartbeatInterval(Duration.ofMillis(500)).maxFrameBytes(64 * 1024));
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void handshakeNegotiatesSubprotocolAndAcknowledgesInit() {
        try (WsClient ext = relay.connect("/extension-ws", "bogus-v9", "rapidtriage-extension-v1")) {
            assertEquals("rapidtriage-extension-v1", ext.awaitOpen().header("Sec-WebSocket-Protocol"));
            ext.send(frame("init-1", "connection-init", Map.of("clientType", "chrome-extension", "version", "1.0.0",
                    "capabilities", List.of("console-capture"), "tabId", "tab-456", "userAgent", "Chrome Extension/1.0"), null));
            Map<String, Object> ack = ext.awaitReply("init-1", "connection-ack");
            Map<String, Object> data = data(ack);
            assertTrue(((String) data.get("sessionId")).startsWith("ext_"));
            assertEquals("tabrelay-server-" + RelayServer.VERSION, data.get("serverId"));
            assertTrue(((List<?>) data.get("supportedProtocols")).contains("rapidtriage-extension-v1"));
            assertEquals(65536.0, data.get("maxMessageSize"), "the ack announces the configured limit");
            assertEquals(500.0, data.get("heartbeatInterval"));
        }
    }

    @Test
    void aliasPathWorksWithoutSubprotocol() {
        try (WsClient ext = relay.connect("/extension")) {
            ext.send(frame("hb", "heartbeat", Map.of("status", "alive"), null));
            Map<String, Object> reply = ext.awaitReply("hb", "heartbeat");
            assertEquals("alive", data(reply).get("status"));
            assertInstanceOf(Number.class, data(reply).get("uptime"));
            assertTrue(((Number) data(reply).get("connections")).intValue() >= 1);
        }
    }

    @Test
    void unsupportedSubprotocolIsRefusedWith400() {
        WsClient ext = relay.connect("/extension-ws", "something-else");
        ExecutionException e = assertThrows(ExecutionException.class, () -> ext.opened.get(10, TimeUnit.SECONDS));
        assertTrue(String.valueOf(e.getCause().getMessage()).contains("400"), e.getCause().toString());
    }

    @Test
    void badFramesGetErrorFramesAndTheConnectionLivesOn() {
        try (WsClient ext = relay.connect("/extension-ws")) {
            ext.send("this is not json");
            assertEquals("malformed-json", data(ext.awaitType("error")).get("code"));
            ext.send(frame("u1", "no-such-type", Map.of(), null));
            Map<String, Object> unknown = ext.awaitReply("u1", "error");
            assertEquals("unknown-type", data(unknown).get("code"));
            ext.send(frame("c1", "console-log", Map.of("message", "no level"), null));
            assertEquals("missing-field", data(ext.awaitReply("c1", "error")).get("code"));
            ext.send("{\"id\":\"old\",\"type\":\"heartbeat\",\"timestamp\":1000,\"data\":{}}");
            assertEquals("stale-timestamp", data(ext.awaitReply("old", "error")).get("code"));
            ext.send(frame("hb2", "heartbeat", Map.of(), null));
            ext.awaitReply("hb2", "heartbeat");
        }
    }

    @Test
    void wsPingsArePongedAndKeepASilentPeerAlive() throws Exception {
        // Heartbeat 500 ms: without pongs OkHttp fails; without liveness refresh the relay closes at 1 s.
        // OkHttp also uses the ping interval as the pong deadline, so keep it well above scheduling noise.
        try (WsClient ext = relay.connectPinging("/extension-ws", Duration.ofMillis(250))) {
            ext.awaitOpen();
            assertThrows(java.util.concurrent.TimeoutException.class, () -> ext.closed.get(2500, TimeUnit.MILLISECONDS));
            assertFalse(ext.failed.isDone());
            ext.send(frame("hb3", "heartbeat", Map.of(), null));
            ext.awaitReply("hb3", "heartbeat");
        }
    }

    @Test
    void peerThatNeitherSpeaksNorAnswersPingsIsClosedAfterTwoHeartbeatIntervals() throws Exception {
        // OkHttp answers the relay's pings by itself, so the silent peer is a bare socket (see ServerPingTest).
        long start = System.nanoTime();
        try (RawWsPeer peer = RawWsPeer.connect(relay.server.port(), "/extension-ws")) {
            RawWsPeer.Frame frame;
            do {
                frame = peer.next();
            } while (frame.opcode() == RawWsPeer.PING);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(RawWsPeer.CLOSE, frame.opcode());
            assertEquals(4000, frame.closeCode());
            assertTrue(ms >= 800, "closed too early: " + ms + " ms");
        }
    }

    @Test
    void oversizeFrameClosesWith1009() {
        try (WsClient ext = relay.connect("/extension-ws")) {
            ext.awaitOpen();
            String big = frame("big", "console-log", Map.of("level", "log", "message", "x".repeat(100_000)), null);
            ext.send(big);
            assertEquals(1009, ext.awaitClose());
        }
    }

    @Test
    void binaryFramesAreRefusedWithAnError() {
        try (WsClient ext = relay.connect("/extension-ws")) {
            ext.awaitOpen();
            ext.socket.send(okio.ByteString.encodeUtf8("{}"));
            assertEquals("unsupported-data", data(ext.awaitType("error")).get("code"));
            assertNotNull(ext.socket);
        }
    }
}
