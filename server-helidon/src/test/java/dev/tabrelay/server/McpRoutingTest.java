package dev.tabrelay.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static dev.tabrelay.server.TestRelay.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class McpRoutingTest {

    static TestRelay relay;

    @BeforeAll
    static void start() {
        relay = new TestRelay();
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private static Map<String, Object> filter(List<String> types, String tabId, String sessionId) {
        Map<String, Object> filter = new HashMap<>();
        filter.put("types", types);
        filter.put("tabId", tabId);
        filter.put("sessionId", sessionId);
        return filter;
    }

    @Test
    void eventsAreStampedAndRoutedByTabSessionAndType() {
        try (WsClient extA = relay.extension("a1"); WsClient extB = relay.extension("b1");
             WsClient all = relay.mcp(filter(null, null, null));
             WsClient onlyB1 = relay.mcp(filter(null, "b1", null));
             WsClient onlyErrors = relay.mcp(filter(List.of("console-error"), null, null));
             WsClient onlySessionA = relay.mcp(filter(null, null, extA.sessionId))) {

            extA.send(frame("e1", "navigation", Map.of("url", "https://a.example/page"), null));
            extA.send(frame("e2", "console-log", Map.of("level", "info", "message", "from a"), null));
            extB.send(frame("e3", "console-error", Map.of("level", "error", "message", "boom b"),
                    Map.of("tabId", "b1", "url", "https://b.example/")));
            extB.send(frame("e4", "network-request", Map.of("url", "https://api.b/x", "method", "GET", "status", 200), null));

            // Two extensions publish concurrently: collect by id, order is only guaranteed per sender.
            Map<Object, Map<String, Object>> byId = new HashMap<>();
            for (int i = 0; i < 4; i++) {
                Map<String, Object> frame = all.next();
                byId.put(frame.get("id"), frame);
            }
            assertEquals("navigation", byId.get("e1").get("type"));
            Map<String, Object> log = byId.get("e2");
            assertEquals(extA.sessionId, metadata(log).get("sessionId"));
            assertEquals("a1", metadata(log).get("tabId"));
            assertEquals("https://a.example/page", metadata(log).get("url"));
            assertEquals("extension", metadata(log).get("source"));
            Map<String, Object> error = byId.get("e3");
            assertEquals(extB.sessionId, metadata(error).get("sessionId"));
            assertEquals("b1", metadata(error).get("tabId"));
            assertEquals("https://b.example/", metadata(error).get("url"));
            assertEquals("network-request", byId.get("e4").get("type"));
            assertEquals("b1", metadata(byId.get("e4")).get("tabId"));

            // Per-connection order is publish order, so the first frame each filtered client sees tells it all.
            assertEquals("e3", onlyB1.next().get("id"));
            assertEquals("e4", onlyB1.next().get("id"));
            assertEquals("e3", onlyErrors.next().get("id"));
            assertEquals("e1", onlySessionA.next().get("id"));
            assertEquals("e2", onlySessionA.next().get("id"));
        }
    }

    @Test
    void unsubscribeStopsDeliveryUntilTheNextSubscribe() {
        try (WsClient ext = relay.extension("u1"); WsClient mcp = relay.mcp(filter(null, "u1", null))) {
            mcp.send(frame("unsub", "unsubscribe", Map.of(), null));
            mcp.awaitReply("unsub", "ack");
            ext.send(frame("hidden", "console-log", Map.of("level", "log", "message", "nobody listens"), null));
            // An acknowledged heartbeat from the extension proves "hidden" was handled before we resubscribe.
            ext.send(frame("sync", "heartbeat", Map.of(), null));
            ext.awaitReply("sync", "heartbeat");
            mcp.send(frame("resub", "subscribe", filter(List.of("console-log"), "u1", null), null));
            mcp.awaitReply("resub", "ack");
            ext.send(frame("shown", "console-log", Map.of("level", "log", "message", "now"), null));
            assertEquals("shown", mcp.next().get("id"));
        }
    }

    @Test
    void clearLogsIsAcknowledgedWithACount() {
        try (WsClient ext = relay.extension("c1"); WsClient mcp = relay.mcp(filter(null, "c1", null))) {
            for (int i = 0; i < 3; i++) {
                ext.send(frame("c" + i, "console-log", Map.of("level", "log", "message", "m" + i), null));
            }
            for (int i = 0; i < 3; i++) {
                mcp.awaitType("console-log");
            }
            assertEquals(3, ((List<?>) relay.get("/v1/logs?tabId=c1").object().get("data")).size());
            mcp.send(frame("clr", "clear-logs", Map.of("tabId", "c1"), null));
            Map<String, Object> ack = mcp.awaitReply("clr", "ack");
            assertEquals("ok", data(ack).get("status"));
            assertEquals(3.0, data(ack).get("count"));
            assertTrue(((List<?>) relay.get("/v1/logs?tabId=c1").object().get("data")).isEmpty());
        }
    }

    @Test
    void mcpEndpointRefusesExtensionOnlyFramesAndLegacyFrames() {
        try (WsClient mcp = relay.mcp(filter(null, null, null))) {
            mcp.send(frame("x", "console-log", Map.of("level", "log", "message", "not from an mcp client"), null));
            assertEquals("unsupported-type", data(mcp.awaitReply("x", "error")).get("code"));
            mcp.send("{\"type\":\"page-navigated\",\"url\":\"https://x\"}");
            assertEquals("missing-field", data(mcp.awaitType("error")).get("code"));
        }
    }
}
