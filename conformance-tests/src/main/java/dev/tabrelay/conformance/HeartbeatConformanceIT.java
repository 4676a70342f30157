package dev.tabrelay.conformance;

import dev.tabrelay.client.ExtensionClient;
import dev.tabrelay.client.McpClient;
import dev.tabrelay.protocol.control.Heartbeat;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** heartbeat on both sockets is answered with heartbeat (same id): status, uptime, connections. */
class HeartbeatConformanceIT {

    @ConformanceTest
    void mcpAndExtensionHeartbeatsAreAnswered(ServerTarget target) {
        try (McpClient mcp = Sdk.mcp(target).build();
             ExtensionClient extension = Sdk.extension(target, Sdk.unique("tab-beat")).build()) {
            Sdk.await(mcp.connect(), "the MCP connection-ack");
            Sdk.await(extension.connect(), "the extension connection-ack");
            for (Heartbeat beat : new Heartbeat[] {Sdk.await(mcp.heartbeat(), "the MCP heartbeat reply"),
                    Sdk.await(extension.heartbeat(), "the extension heartbeat reply")}) {
                assertEquals("alive", beat.status(), beat.toString());
                assertTrue(beat.uptime() != null && beat.uptime() >= 0, beat.toString());
                assertTrue(beat.connections() != null && beat.connections() >= 2,
                        "at least these two connections are counted: " + beat);
            }
        }
    }

    @ConformanceTest
    void heartbeatReplyReusesTheRequestId(RelayClient relay) {
        for (String path : new String[] {"/mcp-ws", "/extension-ws"}) {
            try (WsProbe ws = relay.webSocket(path)) {
                ws.awaitOpen();
                String id = "beat-" + UUID.randomUUID();
                ws.send(Json.frame(id, "heartbeat", Map.of()));
                Map<String, Object> reply = ws.awaitFrame("answering " + id, f -> id.equals(f.get("id")));
                assertEquals("heartbeat", reply.get("type"), path + ": " + reply);
                Map<String, Object> data = Json.child(reply, "data");
                assertEquals("alive", data.get("status"), path + ": " + reply);
                assertTrue(assertInstanceOf(Double.class, data.get("uptime"), reply.toString()) >= 0);
                assertTrue(assertInstanceOf(Double.class, data.get("connections"), reply.toString()) >= 1);
            }
        }
    }
}
