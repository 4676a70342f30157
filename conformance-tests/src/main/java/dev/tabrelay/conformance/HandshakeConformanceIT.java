package dev.tabrelay.conformance;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The extension handshake on /extension-ws (seed 002): connection-init, bad frames, oversize frames. */
class HandshakeConformanceIT {

    private static final String PATH = "/extension-ws";
    private static final String SUBPROTOCOL = "rapidtriage-extension-v1";

    @ConformanceTest
    void connectionInitIsAcknowledgedWithSessionAndLimits(RelayClient relay) {
        try (WsProbe ws = relay.webSocket(PATH, SUBPROTOCOL)) {
            assertEquals(SUBPROTOCOL, ws.awaitOpen().header("Sec-WebSocket-Protocol"));
            String id = "init-" + UUID.randomUUID();
            ws.send(Json.connectionInit(id, "tab-conformance"));
            Map<String, Object> ack = ws.awaitType("connection-ack");
            assertEquals(id, ack.get("id"), "the ack answers the init's id");
            assertInstanceOf(Double.class, ack.get("timestamp"), "timestamp is numeric");
            Map<String, Object> data = Json.child(ack, "data");
            String sessionId = assertInstanceOf(String.class, data.get("sessionId"), "data.sessionId in " + ack);
            assertFalse(sessionId.isBlank());
            assertTrue(assertInstanceOf(Double.class, data.get("heartbeatInterval"), "data.heartbeatInterval in " + ack) > 0);
            assertTrue(assertInstanceOf(Double.class, data.get("maxMessageSize"), "data.maxMessageSize in " + ack) > 0);
        }
    }

    @ConformanceTest
    void badFrameGetsAnErrorFrameAndTheSocketStaysOpen(RelayClient relay) {
        try (WsProbe ws = relay.webSocket(PATH, SUBPROTOCOL)) {
            ws.awaitOpen();
            ws.send("this is not json");
            Map<String, Object> error = ws.awaitType("error");
            assertEquals("malformed-json", Json.child(error, "data").get("code"), error.toString());

            String id = "init-" + UUID.randomUUID();
            ws.send(Json.connectionInit(id, "tab-after-error"));
            assertEquals(id, ws.awaitType("connection-ack").get("id"));
        }
    }

    @ConformanceTest
    void frameOverTheAnnouncedMaximumClosesWith1009(RelayClient relay) {
        try (WsProbe ws = relay.webSocket(PATH, SUBPROTOCOL)) {
            ws.send(Json.connectionInit("init-big", "tab-big"));
            Map<String, Object> data = Json.child(ws.awaitType("connection-ack"), "data");
            int max = ((Double) data.get("maxMessageSize")).intValue();
            ws.send(Json.frame("big", "console-log", Map.of("level", "log", "message", "x".repeat(max + 1))));
            assertEquals(1009, ws.awaitClose());
        }
    }
}
