package dev.tabrelay.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.tabrelay.server.ChatSupport.await;
import static dev.tabrelay.server.ChatSupport.body;
import static dev.tabrelay.server.ChatSupport.chatAsync;
import static dev.tabrelay.server.ChatSupport.content;
import static dev.tabrelay.server.ChatSupport.join;
import static dev.tabrelay.server.ChatSupport.postAsync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real legacy extensions' frames, through their compatibility listeners, into the shared router. */
class LegacyChatTest {

    private TestRelay relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    private int port(String name) {
        return relay.server.listeners().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow().port();
    }

    private WsClient legacySocket(int port, String path) {
        WsClient ws = WsClient.connect(relay.http, "ws://127.0.0.1:" + port + path, new String[0], null);
        ws.awaitOpen();
        return ws;
    }

    private void awaitDialect(String dialect) {
        await(() -> relay.get("/v1/tabs").text().contains("\"dialect\":\"" + dialect + "\""), dialect + " extension registered");
    }

    @Test
    void listenersArePrintedMainFirst() {
        relay = new TestRelay(b -> b.chatRelayPort(0).browcallPorts(0, 0));
        List<String> lines = Main.listeningLines(relay.server);
        assertEquals(4, lines.size());
        assertEquals("listening on http://127.0.0.1:" + relay.server.port() + " (tabrelay)", lines.get(0));
        assertTrue(lines.get(1).endsWith("(chat-relay)"));
        assertTrue(lines.get(2).endsWith("(browcall-ws)"));
        assertTrue(lines.get(3).endsWith("(browcall-api)"));
        try (TestRelay plain = new TestRelay(b -> { })) {
            assertEquals(1, plain.server.listeners().size()); // compatibility listeners are off by default
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void chatRelayExtensionEndToEnd() {
        relay = new TestRelay(b -> b.chatRelayPort(0));
        int port = port("chat-relay");
        String base = "http://127.0.0.1:" + port;
        // The extension checks /health before it opens its socket, on any path of the port.
        TestRelay.HttpResult health = relay.call(new okhttp3.Request.Builder().url(base + "/health").build());
        assertEquals(200, health.status());
        assertEquals("ok", health.object().get("status"));
        WsClient ext = legacySocket(port, "/");
        ext.send("{\"type\":\"EXTENSION_READY\"}");
        awaitDialect("chat-relay");

        CompletableFuture<TestRelay.HttpResult> reply = postAsync(relay, base, body("gpt-x", false, "hello"));
        Map<String, Object> send = ext.next();
        assertEquals("SEND_CHAT_MESSAGE", send.get("type"));
        assertTrue(send.get("requestId") instanceof Number, "numeric requestId: " + send);
        assertEquals("hello", send.get("message"));
        assertEquals("gpt-x", ((Map<String, Object>) send.get("settings")).get("model"));
        long id = ((Number) send.get("requestId")).longValue();
        ext.send("{\"type\":\"CHAT_RESPONSE_CHUNK\",\"requestId\":" + id + ",\"chunk\":\"final answer\",\"isFinal\":true}");
        ext.send("{\"type\":\"CHAT_RESPONSE_STREAM_ENDED\",\"requestId\":" + id + "}");
        TestRelay.HttpResult result = join(reply);
        assertEquals(200, result.status(), result.text());
        assertEquals("final answer", content(result));

        // The main port's API reaches the legacy tab too, and errors come back as 502.
        reply = chatAsync(relay, body(null, false, "again"));
        long second = ((Number) ext.next().get("requestId")).longValue();
        ext.send("{\"type\":\"CHAT_RESPONSE_ERROR\",\"requestId\":" + second + ",\"error\":\"Could not find any suitable tab for command.\"}");
        TestRelay.HttpResult failed = join(reply);
        assertEquals(502, failed.status());
        assertTrue(failed.text().contains("Could not find any suitable tab"));
    }

    @Test
    void chatRelayExtensionOnAnyPathStreams() {
        relay = new TestRelay(b -> b.chatRelayPort(0));
        int port = port("chat-relay");
        WsClient ext = legacySocket(port, "/any/path");
        ext.send("{\"type\":\"EXTENSION_READY\"}");
        awaitDialect("chat-relay");
        CompletableFuture<TestRelay.HttpResult> reply = postAsync(relay, "http://127.0.0.1:" + port, body(null, true, "s"));
        long id = ((Number) ext.next().get("requestId")).longValue();
        ext.send("{\"type\":\"CHAT_RESPONSE\",\"requestId\":" + id + ",\"response\":\"whole\",\"isFinal\":true}");
        TestRelay.HttpResult result = join(reply);
        assertTrue(result.text().contains("\"content\":\"whole\""), result.text());
        assertTrue(result.text().contains("data: [DONE]"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void browcallExtensionEndToEnd() {
        relay = new TestRelay(b -> b.browcallPorts(0, 0));
        WsClient ext = legacySocket(port("browcall-ws"), "/");
        ext.send("{\"type\":\"register\",\"data\":123}");
        assertEquals("register_response", ext.next().get("type"));
        ext.send("{\"type\":\"heartbeat\"}");

        String api = "http://127.0.0.1:" + port("browcall-api");
        String request = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"outputFormat\":\"markdown\"}";
        CompletableFuture<TestRelay.HttpResult> reply = postAsync(relay, api, request);
        Map<String, Object> chat = ext.next();
        assertEquals("chat", chat.get("type"));
        Map<String, Object> data = (Map<String, Object>) chat.get("data");
        String uuid = (String) data.get("uuid");
        assertEquals("hi", data.get("text"));
        ext.send("{\"type\":\"answer\",\"data\":{\"text\":\"Hel\",\"complete\":false,\"citations\":[],\"uuid\":\"" + uuid + "\"}}");
        ext.send("{\"type\":\"answer\",\"data\":{\"text\":\"Hello\",\"complete\":true,\"citations\":[],\"uuid\":\"" + uuid + "\"}}");
        ext.send("{\"type\":\"stop\",\"data\":{\"uuid\":\"" + uuid + "\"}}");
        TestRelay.HttpResult result = join(reply);
        assertEquals(200, result.status(), result.text());
        assertEquals("Hello", content(result));
        assertEquals(Map.of("text", "Hello"), result.object().get("data"));

        assertEquals(400, relay.call(new okhttp3.Request.Builder().url(api + "/v1/chat/completions")
                .post(okhttp3.RequestBody.create("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"outputFormat\":\"image\"}",
                        ChatSupport.JSON_TYPE)).build()).status());

        // Streamed from the main port: cumulative answers become deltas.
        reply = chatAsync(relay, body(null, true, "stream"));
        uuid = (String) ((Map<String, Object>) ext.next().get("data")).get("uuid");
        ext.send("{\"type\":\"answer\",\"data\":{\"text\":\"ab\",\"complete\":false,\"uuid\":\"" + uuid + "\"}}");
        ext.send("{\"type\":\"answer\",\"data\":{\"text\":\"abcd\",\"complete\":false,\"uuid\":\"" + uuid + "\"}}");
        ext.send("{\"type\":\"stop\",\"data\":{\"uuid\":\"" + uuid + "\"}}");
        String text = join(reply).text();
        assertTrue(text.contains("\"content\":\"ab\"") && text.contains("\"content\":\"cd\""), text);
        assertTrue(text.contains("data: [DONE]"));
    }
}
