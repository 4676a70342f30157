package dev.tabrelay.conformance;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /health and the error body of unknown paths (docs/server.md, HTTP API). */
class HealthConformanceIT {

    @ConformanceTest
    void healthAnswers200WithStatusVersionAndUptime(RelayClient relay) {
        RelayClient.HttpReply reply = relay.get("/health");
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        Map<String, Object> health = reply.json();
        assertEquals("ok", health.get("status"), reply.body());
        String version = assertInstanceOf(String.class, health.get("version"), reply.body());
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), version);
        double uptime = assertInstanceOf(Double.class, health.get("uptimeMs"), reply.body());
        assertTrue(uptime >= 0, reply.body());
        assertInstanceOf(Map.class, health.get("connections"), reply.body());
    }

    @ConformanceTest
    void unknownPathIs404WithOpenAiStyleErrorBody(RelayClient relay) {
        RelayClient.HttpReply reply = relay.get("/no-such-path-" + UUID.randomUUID());
        assertEquals(404, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        Map<String, Object> error = Json.child(reply.json(), "error");
        for (String field : new String[] {"message", "type", "code"}) {
            String value = assertInstanceOf(String.class, error.get(field), field + " in " + reply.body());
            assertTrue(!value.isBlank(), field + " is blank in " + reply.body());
        }
    }
}
