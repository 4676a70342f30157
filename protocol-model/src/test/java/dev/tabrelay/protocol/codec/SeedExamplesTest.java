package dev.tabrelay.protocol.codec;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.MessageType;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionClose;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.events.ClearLogs;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every JSON example of seed 002 (copied verbatim into src/test/resources/seed002) decodes to the right record
 * and re-encodes to equivalent JSON. The seed's examples carry timestamp 1704067200000, so the codec's clock
 * is fixed there.
 */
class SeedExamplesTest {

    static final long SEED_TIME = 1704067200000L;
    static final FrameCodec CODEC = FrameCodec.builder()
            .clock(Clock.fixed(Instant.ofEpochMilli(SEED_TIME), ZoneOffset.UTC)).build();

    static String resource(String path) {
        try (InputStream in = SeedExamplesTest.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The seed shows connection-* frames and client commands without id/timestamp because its clients'
     * {@code send()} adds them ({@code {id: generateId(), timestamp: Date.now(), ...message}}); do the same.
     */
    @SuppressWarnings("unchecked")
    static String asSentBySeedClient(String json) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("id", "msg_" + SEED_TIME + "_abc123def");
        frame.put("timestamp", (double) SEED_TIME);
        frame.putAll((Map<String, Object>) JsonTrees.normalised(json));
        return JsonTrees.toJson(frame);
    }

    static Message decodeSeed(String name) throws FrameException {
        String json = resource("seed002/" + name + ".json");
        Object tree = JsonTrees.normalised(json);
        boolean complete = ((Map<?, ?>) tree).containsKey("id");
        return CODEC.decode(complete ? json : asSentBySeedClient(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"console-log", "console-error", "network-request", "network-error", "heartbeat",
            "screenshot-request", "screenshot-response", "element-selected", "connection-init", "connection-ack",
            "connection-close"})
    void seedExampleReEncodesToEquivalentJson(String name) throws FrameException {
        String json = resource("seed002/" + name + ".json");
        Message message = decodeSeed(name);
        assertEquals(name, message.type());
        Object expected = JsonTrees.normalised(((Map<?, ?>) JsonTrees.normalised(json)).containsKey("id")
                ? json : asSentBySeedClient(json));
        assertEquals(expected, JsonTrees.normalised(CODEC.encode(message)));
    }

    @Test
    void consoleLogCarriesEveryField() throws FrameException {
        Message message = decodeSeed("console-log");
        ConsoleLog log = assertInstanceOf(ConsoleLog.class, message.data());
        assertEquals("msg_001", message.id());
        assertEquals(SEED_TIME, message.timestamp());
        assertEquals("info", log.level());
        assertEquals("Application started successfully", log.message());
        assertEquals(List.of("Application", "started", Map.of("version", "1.0")), log.args());
        assertEquals("app.js:42:8", log.source());
        assertNull(log.stack());
        assertEquals("session-123", message.metadata().sessionId());
        assertEquals("tab-456", message.metadata().tabId());
        assertEquals("https://example.com", message.metadata().url());
    }

    @Test
    void consoleErrorKeepsStack() throws FrameException {
        ConsoleError error = assertInstanceOf(ConsoleError.class, decodeSeed("console-error").data());
        assertEquals("error", error.level());
        assertTrue(error.stack().contains("at Object.handleClick (app.js:15:5)"));
    }

    @Test
    void networkRequestCarriesSizesHeadersAndBodies() throws FrameException {
        NetworkRequest request = assertInstanceOf(NetworkRequest.class, decodeSeed("network-request").data());
        assertEquals("GET", request.method());
        assertEquals(200, request.status());
        assertEquals(145L, request.duration());
        assertEquals(512L, request.size().request());
        assertEquals(2048L, request.size().response());
        assertEquals("Bearer [REDACTED]", request.headers().request().get("Authorization"));
        assertEquals("max-age=300", request.headers().response().get("Cache-Control"));
        assertEquals("{\"page\": 1}", request.body().request());
    }

    @Test
    void networkErrorCarriesError() throws FrameException {
        NetworkError error = assertInstanceOf(NetworkError.class, decodeSeed("network-error").data());
        assertEquals(500, error.status());
        assertEquals("Server returned 500 status", error.error());
        assertEquals(5000L, error.duration());
    }

    @Test
    void heartbeatCarriesStatusUptimeConnections() throws FrameException {
        Heartbeat heartbeat = assertInstanceOf(Heartbeat.class, decodeSeed("heartbeat").data());
        assertEquals(new Heartbeat("alive", 3600000L, 3), heartbeat);
    }

    @Test
    void screenshotRequestAndResponseShareTheId() throws FrameException {
        Message request = decodeSeed("screenshot-request");
        Message response = decodeSeed("screenshot-response");
        assertEquals(new ScreenshotRequest("png", 90, false, null), request.data());
        ScreenshotResponse shot = assertInstanceOf(ScreenshotResponse.class, response.data());
        assertEquals(request.id(), response.id());
        assertTrue(shot.success());
        assertEquals(150240L, shot.size());
        assertEquals(1920, shot.dimensions().width());
        assertEquals(1080, shot.dimensions().height());
        assertTrue(shot.base64().startsWith("data:image/png;base64,"));
    }

    @Test
    void elementSelectedCarriesDimensionsStylesXpath() throws FrameException {
        ElementSelected selected = assertInstanceOf(ElementSelected.class, decodeSeed("element-selected").data());
        assertEquals("DIV", selected.element().tagName());
        assertEquals(1200.0, selected.element().dimensions().width());
        assertEquals(100.0, selected.element().dimensions().top());
        assertEquals("rgb(33, 37, 41)", selected.element().styles().get("color"));
        assertEquals("main", selected.element().attributes().get("role"));
        assertEquals("/html/body/div[1]/main/div[1]", selected.element().xpath());
        assertEquals("#main-content", selected.element().cssSelector());
    }

    @Test
    void connectionHandshakeExamples() throws FrameException {
        ConnectionInit init = assertInstanceOf(ConnectionInit.class, decodeSeed("connection-init").data());
        assertEquals("chrome-extension", init.clientType());
        assertEquals("tab-456", init.tabId());
        assertEquals(4, init.capabilities().size());
        ConnectionAck ack = assertInstanceOf(ConnectionAck.class, decodeSeed("connection-ack").data());
        assertEquals(new ConnectionAck("session-123", "rapidtriage-server-1.0", List.of("rapidtriage-v1"), 1048576, 30000), ack);
        assertEquals(new ConnectionClose("client-disconnect", 1000, "Normal closure"), decodeSeed("connection-close").data());
    }

    @ParameterizedTest
    @ValueSource(strings = {"connection-init", "connection-ack", "connection-close"})
    void seedExamplesWithoutEnvelopeAreRefusedUntilTheClientAddsIdAndTimestamp(String name) {
        FrameException refused = assertThrows(FrameException.class,
                () -> CODEC.decode(resource("seed002/" + name + ".json")));
        assertEquals(FrameError.MISSING_FIELD, refused.error());
        assertEquals("$.id", refused.path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"clear-logs", "heartbeat", "screenshot-request", "connection-init"})
    void seedClientCommandsDecode(String name) throws FrameException {
        Message message = CODEC.decode(asSentBySeedClient(resource("seed002-clients/" + name + ".json")));
        assertEquals(name, message.type());
        assertEquals(MessageType.forWireName(name).orElseThrow().payloadType(), message.data().getClass());
    }

    @Test
    void clearLogsWithoutDataIsAllTabs() throws FrameException {
        Message message = CODEC.decode(asSentBySeedClient(resource("seed002-clients/clear-logs.json")));
        assertEquals(new ClearLogs(null), message.data());
    }
}
