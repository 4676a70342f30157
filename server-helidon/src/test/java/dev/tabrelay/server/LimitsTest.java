package dev.tabrelay.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small limits so the tests can reach them: 4 KiB frames, 5 messages per second. */
class LimitsTest {

    static TestRelay relay;

    @BeforeAll
    static void start() {
        relay = new TestRelay(b -> b.maxFrameBytes(4096).messagesPerSecond(5));
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void tooFastConnectionGetsRateLimitedAndOthersAreUnaffected() {
        try (WsClient fast = relay.connect("/extension-ws"); WsClient calm = relay.connect("/mcp-ws")) {
            fast.awaitOpen();
            calm.awaitOpen();
            for (int i = 0; i < 30; i++) {
                fast.send(frame("f" + i, "heartbeat", Map.of(), null));
            }
            Map<String, Object> error = fast.awaitType("error");
            assertEquals("rate-limited", data(error).get("code"));
            calm.send(frame("calm", "heartbeat", Map.of(), null));
            calm.awaitReply("calm", "heartbeat");
        }
    }

    @Test
    void frameOverTheConfiguredLimitClosesWith1009() {
        try (WsClient ext = relay.connect("/extension-ws")) {
            ext.awaitOpen();
            ext.send(frame("big", "console-log", Map.of("level", "log", "message", "y".repeat(5000)), null));
            assertEquals(1009, ext.awaitClose());
        }
    }

    @Test
    void frameUnderTheLimitIsAccepted() {
        try (WsClient ext = relay.connect("/extension-ws")) {
            ext.send(frame("ok", "heartbeat", Map.of("status", "x".repeat(3000)), null));
            assertTrue(ext.awaitReply("ok", "heartbeat").containsKey("data"));
        }
    }
}
