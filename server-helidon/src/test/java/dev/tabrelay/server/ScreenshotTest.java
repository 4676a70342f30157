package dev.tabrelay.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static dev.tabrelay.server.TestRelay.metadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreenshotTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    static final String DATA_URL = "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG);

    static TestRelay relay;

    @BeforeAll
    static void start() {
        relay = new TestRelay(b -> b.requestTimeout(Duration.ofMillis(1500)));
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private static Map<String, Object> target(String tabId) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("tabId", tabId);
        return metadata;
    }

    /** Answers the next screenshot-request on this extension; returns the request it saw. */
    private static Map<String, Object> answer(WsClient ext, boolean success) {
        Map<String, Object> request = ext.awaitType("screenshot-request");
        Map<String, Object> data = success
                ? Map.of("success", true, "base64", DATA_URL, "dimensions", Map.of("width", 2, "height", 1))
                : Map.of("success", false, "error", "tab is hidden");
        ext.send(frame((String) request.get("id"), "screenshot-response", data, null));
        return request;
    }

    @Test
    void roundTripGoesToTheRightTabAndBackToTheRequesterOnly() {
        try (WsClient ext1 = relay.extension("s1"); WsClient ext2 = relay.extension("s2");
             WsClient mcp = relay.mcp(Map.of()); WsClient other = relay.mcp(Map.of())) {
            mcp.send(frame("cmd_001", "screenshot-request", Map.of("format", "png"), target("s2")));
            Map<String, Object> seen = answer(ext2, true);
            assertNotEquals("cmd_001", seen.get("id"), "the relay mints its own id towards the extension");
            assertEquals("s2", metadata(seen).get("tabId"));
            Map<String, Object> reply = mcp.awaitReply("cmd_001", "screenshot-response");
            assertEquals(true, data(reply).get("success"));
            assertEquals(DATA_URL, data(reply).get("base64"));
            assertEquals("s2", metadata(reply).get("tabId"));
            assertEquals(ext2.sessionId, metadata(reply).get("sessionId"));
            // The other client gets nothing: its next frame is the answer to its own heartbeat.
            other.send(frame("hb", "heartbeat", Map.of(), null));
            assertEquals("hb", other.next().get("id"));
            assertTrue(ext1.frames.isEmpty());
        }
    }

    @Test
    void twoRequestersMayReuseTheSameIdWithoutCrossTalk() {
        try (WsClient ext = relay.extension("d1"); WsClient a = relay.mcp(Map.of()); WsClient b = relay.mcp(Map.of())) {
            a.send(frame("same", "screenshot-request", Map.of(), target("d1")));
            b.send(frame("same", "screenshot-request", Map.of(), target("d1")));
            Map<String, Object> first = ext.awaitType("screenshot-request");
            Map<String, Object> second = ext.awaitType("screenshot-request");
            assertNotEquals(first.get("id"), second.get("id"));
            ext.send(frame((String) second.get("id"), "screenshot-response", Map.of("success", false, "error", "second"), null));
            ext.send(frame((String) first.get("id"), "screenshot-response", Map.of("success", true, "base64", DATA_URL), null));
            Map<String, Object> ra = a.next();
            Map<String, Object> rb = b.next();
            // Each requester got exactly its own outcome: one success, one failure, both under the id it used.
            assertEquals(java.util.Set.of("screenshot-response", "error"), java.util.Set.of(ra.get("type"), rb.get("type")));
            for (Map<String, Object> reply : java.util.List.of(ra, rb)) {
                Object id = "error".equals(reply.get("type")) ? data(reply).get("replyTo") : reply.get("id");
                assertEquals("same", id);
            }
        }
    }

    @Test
    void timeoutGivesTheRequesterAnErrorFrame() {
        try (WsClient ext = relay.extension("t1"); WsClient mcp = relay.mcp(Map.of())) {
            mcp.send(frame("slow", "screenshot-request", Map.of(), target("t1")));
            ext.awaitType("screenshot-request"); // and never answer
            Map<String, Object> error = mcp.awaitReply("slow", "error");
            assertEquals("timeout", data(error).get("code"));
            assertEquals("slow", data(error).get("replyTo"));
        }
    }

    @Test
    void vanishedExtensionFailsTheRequestAtOnce() {
        TestRelay patient = new TestRelay(b -> b.requestTimeout(Duration.ofSeconds(60)));
        try (WsClient ext = patient.extension("v1"); WsClient mcp = patient.mcp(Map.of())) {
            mcp.send(frame("gone", "screenshot-request", Map.of(), target("v1")));
            ext.awaitType("screenshot-request");
            ext.socket.cancel(); // abrupt: no close frame
            Map<String, Object> error = mcp.awaitReply("gone", "error"); // well before the 60 s timeout
            assertEquals("peer-disconnected", data(error).get("code"));
        } finally {
            patient.close();
        }
    }

    @Test
    void noExtensionForTheTabIsAnError() {
        try (WsClient mcp = relay.mcp(Map.of())) {
            mcp.send(frame("none", "screenshot-request", Map.of(), target("nowhere")));
            assertEquals("no-extension", data(mcp.awaitReply("none", "error")).get("code"));
        }
    }

    @Test
    void httpScreenshotReturnsPngBytesOrJson() throws Exception {
        try (WsClient ext = relay.extension("h1")) {
            CompletableFuture<TestRelay.HttpResult> png = CompletableFuture.supplyAsync(() -> relay.post("/v1/tabs/h1/screenshot", "{}"));
            answer(ext, true);
            TestRelay.HttpResult bytes = png.get();
            assertEquals(200, bytes.status());
            assertEquals("image/png", bytes.contentType());
            assertArrayEquals(PNG, bytes.body());

            CompletableFuture<TestRelay.HttpResult> json = CompletableFuture.supplyAsync(() -> relay.post("/v1/tabs/h1/screenshot?format=json", null));
            answer(ext, true);
            Map<String, Object> body = json.get().object();
            assertEquals(Base64.getEncoder().encodeToString(PNG), body.get("base64"));
            assertEquals("h1", body.get("tabId"));

            CompletableFuture<TestRelay.HttpResult> failed = CompletableFuture.supplyAsync(() -> relay.post("/v1/tabs/h1/screenshot", null));
            answer(ext, false);
            TestRelay.HttpResult error = failed.get();
            assertEquals(502, error.status());
            assertEquals("screenshot-failed", ((Map<?, ?>) error.object().get("error")).get("code"));
        }
        TestRelay.HttpResult missing = relay.post("/v1/tabs/never-seen/screenshot", null);
        assertEquals(404, missing.status());
        assertEquals("no-extension", ((Map<?, ?>) missing.object().get("error")).get("code"));
    }

    @Test
    void browserToolsCaptureSavesAFileUnderTheDataDir() throws Exception {
        try (WsClient ext = relay.extension("bt1")) {
            CompletableFuture<TestRelay.HttpResult> call = CompletableFuture.supplyAsync(() -> relay.post("/capture-screenshot?tabId=bt1", "{}"));
            answer(ext, true);
            Map<String, Object> body = call.get().object();
            Path file = Path.of((String) body.get("path"));
            assertTrue(file.startsWith(relay.dataDir.toAbsolutePath()), file.toString());
            assertTrue(((String) body.get("filename")).startsWith("screenshot-"));
            assertArrayEquals(PNG, Files.readAllBytes(file));
        }
    }
}
