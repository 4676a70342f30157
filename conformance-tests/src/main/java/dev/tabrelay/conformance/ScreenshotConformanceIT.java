package dev.tabrelay.conformance;

import dev.tabrelay.client.ExtensionClient;
import dev.tabrelay.client.McpClient;
import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.RelayHttpException;
import dev.tabrelay.client.RelayException;
import dev.tabrelay.client.Screenshot;
import dev.tabrelay.client.Target;
import dev.tabrelay.client.http.TabScreenshot;
import dev.tabrelay.protocol.events.ImageDimensions;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MCP screenshot-request routed to the extension and back (docs/server.md, MCP side). */
class ScreenshotConformanceIT {

    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static final ScreenshotRequest PNG_REQUEST = new ScreenshotRequest("png", null, false, null);

    @ConformanceTest
    void screenshotReplyGoesBackToTheRequesterWithItsId(ServerTarget target, RelayClient relay) {
        String tab = Sdk.unique("tab-shot");
        try (ExtensionClient extension = Sdk.extension(target, tab)
                .tab(tab, "https://example.com/shot", "Shot")
                .onScreenshot((request, frame) -> new ScreenshotResponse(true, null,
                        "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG), (long) PNG.length,
                        new ImageDimensions(1, 1), null))
                .build();
             McpClient mcp = Sdk.mcp(target).build()) {
            String sessionId = Sdk.await(extension.connect(), "the extension connection-ack").sessionId();
            Sdk.await(mcp.connect(), "the MCP connection-ack");

            Screenshot shot = Sdk.await(mcp.requestScreenshot(PNG_REQUEST, Target.tab(tab)), "the screenshot");
            assertArrayEquals(PNG, shot.bytes());
            assertEquals(tab, shot.tabId());
            assertEquals(sessionId, shot.sessionId());
        }

        // The same on the wire: the reply carries the requester's own id (the relay forwards with its own).
        try (ExtensionClient extension = Sdk.extension(target, tab)
                .onScreenshot((request, frame) -> new ScreenshotResponse(true, null,
                        Base64.getEncoder().encodeToString(PNG), (long) PNG.length, new ImageDimensions(1, 1), null))
                .build();
             WsProbe ws = relay.webSocket("/mcp-ws")) {
            Sdk.await(extension.connect(), "the extension connection-ack");
            ws.awaitOpen();
            String id = "shot-" + UUID.randomUUID();
            ws.send(frameForTab(id, "screenshot-request", Map.of("format", "png"), tab));
            Map<String, Object> reply = ws.awaitFrame("answering " + id, f -> id.equals(f.get("id")));
            assertEquals("screenshot-response", reply.get("type"), reply.toString());
            assertEquals(Boolean.TRUE, Json.child(reply, "data").get("success"), reply.toString());
            assertEquals(tab, Json.child(reply, "metadata").get("tabId"), reply.toString());
        }
    }

    @ConformanceTest
    void extensionThatNeverAnswersGivesATimeoutError(ServerTarget target, RelayClient relay) {
        String tab = Sdk.unique("tab-silent");
        Duration relayTimeout = ServerOptions.screenshotTimeout(target);
        // The silent extension is a raw socket: it takes the request and never answers.
        try (WsProbe extension = relay.webSocket("/extension-ws");
             McpClient mcp = Sdk.mcp(target).build()) {
            extension.send(Json.connectionInit("init-" + tab, tab));
            extension.awaitType("connection-ack");
            Sdk.await(mcp.connect(), "the MCP connection-ack");

            long start = System.nanoTime();
            Throwable failure = Sdk.awaitFailure(mcp.requestScreenshot(PNG_REQUEST, Target.tab(tab),
                    relayTimeout.plus(Sdk.WAIT)), "the screenshot of a silent extension");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            RelayException error = assertInstanceOf(RelayException.class, failure);
            assertEquals("timeout", error.code(), "the relay's error code: " + error);
            if (ServerOptions.configured(target)) { // a url target's timeout is its owner's choice: only the code is checked
                assertTrue(took.compareTo(relayTimeout.minusMillis(200)) >= 0, "failed before the relay timeout: " + took);
                assertTrue(took.compareTo(relayTimeout.plusSeconds(15)) < 0, "the relay took " + took + " (timeout " + relayTimeout + ")");
            }
            extension.awaitType("screenshot-request"); // it did reach the extension
        }
    }

    @ConformanceTest
    void extensionGoneFailsTheRequestAtOnce(ServerTarget target, RelayClient relay) {
        String tab = Sdk.unique("tab-gone");
        try (WsProbe extension = relay.webSocket("/extension-ws");
             McpClient mcp = Sdk.mcp(target).build()) {
            extension.send(Json.connectionInit("init-" + tab, tab));
            extension.awaitType("connection-ack");
            Sdk.await(mcp.connect(), "the MCP connection-ack");

            var pending = mcp.requestScreenshot(PNG_REQUEST, Target.tab(tab), Sdk.WAIT);
            extension.awaitType("screenshot-request");
            long start = System.nanoTime();
            extension.close();
            Throwable failure = Sdk.awaitFailure(pending, "the screenshot of a departed extension");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            RelayException error = assertInstanceOf(RelayException.class, failure);
            assertEquals("peer-disconnected", error.code(), "the relay's error code: " + error);
            assertTrue(took.compareTo(ServerOptions.screenshotTimeout(target)) < 0,
                    "the departure must fail the request at once, not at the timeout: " + took);
        }
    }

    @ConformanceTest
    void screenshotWithNoExtensionForTheTabIsRefused(ServerTarget target) {
        try (McpClient mcp = Sdk.mcp(target).build()) {
            Sdk.await(mcp.connect(), "the MCP connection-ack");
            Throwable failure = Sdk.awaitFailure(mcp.requestScreenshot(PNG_REQUEST, Target.tab(Sdk.unique("tab-nobody"))),
                    "a screenshot of a tab nobody serves");
            assertEquals("no-extension", assertInstanceOf(RelayException.class, failure).code());
        }
    }

    @ConformanceTest
    void httpScreenshotAnswersPngBytesOrJson(ServerTarget target, RelayClient relay) {
        String tab = Sdk.unique("tab-http-shot");
        try (ExtensionClient extension = Sdk.extension(target, tab)
                .onScreenshot((request, frame) -> new ScreenshotResponse(true, null,
                        "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG), (long) PNG.length,
                        new ImageDimensions(1, 1), null))
                .build();
             RelayHttpClient http = Sdk.http(target)) {
            String sessionId = Sdk.await(extension.connect(), "the extension connection-ack").sessionId();

            TabScreenshot json = http.screenshot(tab, PNG_REQUEST);
            assertArrayEquals(PNG, json.bytes());
            assertEquals(tab, json.tabId());
            assertEquals(sessionId, json.sessionId());
            assertEquals("image/png", json.mimeType());

            RelayClient.BinaryReply png = relay.callBinary(new okhttp3.Request.Builder()
                    .url(target.http("/v1/tabs/" + tab + "/screenshot").toString())
                    .post(okhttp3.RequestBody.create(new byte[0])).build());
            assertEquals(200, png.status());
            assertTrue(png.contentType().startsWith("image/png"), png.contentType());
            assertArrayEquals(PNG, png.body());
        }
    }

    @ConformanceTest
    void httpScreenshotErrorsAre404And504(ServerTarget target, RelayClient relay) {
        try (RelayHttpClient http = Sdk.http(target)) {
            RelayHttpException none = assertThrows(RelayHttpException.class,
                    () -> http.screenshot(Sdk.unique("tab-nobody"), PNG_REQUEST));
            assertEquals(404, none.status(), none.toString());
            assertEquals("no-extension", none.code(), none.toString());

            String tab = Sdk.unique("tab-http-silent");
            try (WsProbe extension = relay.webSocket("/extension-ws")) {
                extension.send(Json.connectionInit("init-" + tab, tab));
                extension.awaitType("connection-ack");
                RelayHttpException timeout = assertThrows(RelayHttpException.class, () -> http.screenshot(tab, PNG_REQUEST));
                assertEquals(504, timeout.status(), timeout.toString());
                assertEquals("timeout", timeout.code(), timeout.toString());
            }
        }
    }

    static String frameForTab(String id, String type, Map<String, Object> data, String tabId) {
        Map<String, Object> frame = Json.object(Json.frame(id, type, data));
        frame.put("metadata", Map.of("tabId", tabId));
        return Json.write(frame);
    }
}
