package dev.tabrelay.conformance;

import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad frames get an error frame with the right code and the socket lives on; oversize frames close with 1009; bad
 * HTTP gets an OpenAI error body (docs/server.md, Both sides and HTTP API).
 */
class BadInputConformanceIT {

    private static final String[] PATHS = {"/extension-ws", "/mcp-ws"};

    /** Sends {@code text}, expects an error frame with {@code code}, then proves the socket still answers. */
    private static void assertErrorAndAlive(WsProbe ws, String path, String text, String code) {
        ws.send(text);
        Map<String, Object> error = ws.awaitType("error");
        assertEquals(code, Json.child(error, "data").get("code"), path + ": " + error);
        String message = assertInstanceOf(String.class, Json.child(error, "data").get("message"), error.toString());
        assertTrue(!message.isBlank(), error.toString());

        String id = "alive-" + UUID.randomUUID();
        ws.send(Json.frame(id, "heartbeat", Map.of()));
        assertEquals("heartbeat", ws.awaitFrame("answering " + id, f -> id.equals(f.get("id"))).get("type"),
                path + ": the socket must stay open after " + code);
    }

    @ConformanceTest
    void malformedJsonIsAnErrorFrameAndTheSocketLivesOn(RelayClient relay) {
        for (String path : PATHS) {
            try (WsProbe ws = relay.webSocket(path)) {
                ws.awaitOpen();
                assertErrorAndAlive(ws, path, "{\"id\":\"x\",", "malformed-json");
            }
        }
    }

    @ConformanceTest
    void unknownTypeIsAnErrorFrameAndTheSocketLivesOn(RelayClient relay) {
        for (String path : PATHS) {
            try (WsProbe ws = relay.webSocket(path)) {
                ws.awaitOpen();
                assertErrorAndAlive(ws, path, Json.frame("u-" + UUID.randomUUID(), "no-such-type", Map.of()), "unknown-type");
            }
        }
    }

    @ConformanceTest
    void missingFieldIsAnErrorFrameAndTheSocketLivesOn(RelayClient relay) {
        for (String path : PATHS) {
            try (WsProbe ws = relay.webSocket(path)) {
                ws.awaitOpen();
                // Canonical (it has an id) but without the required numeric timestamp. (A flat frame without an id
                // is not "missing-field" on /extension-ws: it may be a BrowserTools legacy frame.)
                Map<String, Object> noTimestamp = new LinkedHashMap<>();
                noTimestamp.put("id", "t-" + UUID.randomUUID());
                noTimestamp.put("type", "heartbeat");
                noTimestamp.put("data", Map.of());
                assertErrorAndAlive(ws, path, Json.write(noTimestamp), "missing-field");
            }
        }
        try (WsProbe ws = relay.webSocket("/extension-ws")) {
            ws.send(Json.connectionInit("init-missing", Sdk.unique("tab-missing")));
            ws.awaitType("connection-ack");
            // console-log requires data.message
            assertErrorAndAlive(ws, "/extension-ws", Json.frame("m-" + UUID.randomUUID(), "console-log",
                    Map.of("level", "log")), "missing-field");
        }
    }

    @ConformanceTest
    void oversizeFrameOnTheMcpSocketClosesWith1009(RelayClient relay) {
        try (WsProbe ws = relay.webSocket("/mcp-ws")) {
            String id = "init-" + UUID.randomUUID();
            ws.send(Json.frame(id, "connection-init", Map.of("clientType", "mcp-server", "version", "1.0.0")));
            int max = ((Double) Json.child(ws.awaitType("connection-ack"), "data").get("maxMessageSize")).intValue();
            ws.send(Json.frame("big", "heartbeat", Map.of("padding", "x".repeat(max + 1))));
            assertEquals(1009, ws.awaitClose());
        }
    }

    @ConformanceTest
    void unknownHttpPathIs404WithAnOpenAiErrorBody(RelayClient relay) {
        RelayClient.HttpReply reply = relay.call(new Request.Builder()
                .url(relay.target().http("/v1/no-such-endpoint-" + UUID.randomUUID()).toString())
                .post(RequestBody.create("{}", MediaType.get("application/json"))).build());
        assertEquals(404, reply.status(), reply.body());
        Map<String, Object> error = Json.child(reply.json(), "error");
        for (String field : new String[] {"message", "type", "code"}) {
            assertTrue(error.get(field) instanceof String s && !s.isBlank(), field + " in " + reply.body());
        }
    }

    @ConformanceTest
    void chatCompletionWithABadBodyIs400InvalidRequest(RelayClient relay) {
        for (String body : new String[] {"not json", "{\"messages\":[]}", "{\"messages\":\"hi\"}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":\"yes\"}"}) {
            RelayClient.HttpReply reply = relay.call(new Request.Builder()
                    .url(relay.target().http("/v1/chat/completions").toString())
                    .post(RequestBody.create(body, MediaType.get("application/json"))).build());
            assertEquals(400, reply.status(), body + " -> " + reply.body());
            assertEquals("invalid-request", Json.child(reply.json(), "error").get("code"), body + " -> " + reply.body());
        }
    }
}
