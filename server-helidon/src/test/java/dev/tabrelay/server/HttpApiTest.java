package dev.tabrelay.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tabrelay.server.TestRelay.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpApiTest {

    static TestRelay relay;

    @BeforeAll
    static void start() {
        relay = new TestRelay(b -> b.logsPerTab(5));
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("data");
    }

    @Test
    void healthTabsAndPaginatedLogs() {
        try (WsClient ext = relay.extension("p1"); WsClient mcp = relay.mcp(Map.of("tabId", "p1"))) {
            ext.send(frame("nav", "navigation", Map.of("url", "https://p.example/", "title", "P"), null));
            for (int i = 0; i < 7; i++) {
                String type = i % 2 == 0 ? "console-log" : "console-error";
                String level = i % 2 == 0 ? "info" : "error";
                ext.send(frame("l" + i, type, Map.of("level", level, "message", "m" + i), null));
            }
            for (int i = 0; i < 8; i++) {
                mcp.next();
            }

            Map<String, Object> health = relay.get("/health").object();
            assertEquals("ok", health.get("status"));
            assertEquals(RelayServer.VERSION, health.get("version"));
            Map<?, ?> connections = (Map<?, ?>) health.get("connections");
            assertEquals(1.0, connections.get("extension"));
            assertEquals(1.0, connections.get("mcp"));

            List<?> extensions = (List<?>) relay.get("/v1/tabs").object().get("extensions");
            Map<?, ?> session = (Map<?, ?>) extensions.get(0);
            assertEquals(ext.sessionId, session.get("sessionId"));
            Map<?, ?> tab = (Map<?, ?>) ((List<?>) session.get("tabs")).get(0);
            assertEquals("p1", tab.get("tabId"));
            assertEquals("https://p.example/", tab.get("url"));
            assertEquals("P", tab.get("title"));
            // /health counts the tabs /v1/tabs lists (without building that list)
            int listed = extensions.stream().mapToInt(e -> ((List<?>) ((Map<?, ?>) e).get("tabs")).size()).sum();
            assertEquals(1, listed);
            assertEquals((double) listed, health.get("tabs"));

            // 8 events, 5 kept per tab (newest): l2..l6, newest first, pages of 2.
            List<String> ids = new ArrayList<>();
            String cursor = null;
            do {
                Map<String, Object> page = relay.get("/v1/logs?tabId=p1&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).object();
                items(page).forEach(item -> ids.add((String) item.get("id")));
                cursor = (String) page.get("nextCursor");
            } while (cursor != null);
            assertEquals(List.of("l6", "l5", "l4", "l3", "l2"), ids);

            assertEquals(List.of("l5", "l3"), items(relay.get("/v1/logs?type=console-error").object())
                    .stream().map(i -> i.get("id")).toList());
            assertEquals(List.of("l6", "l4", "l2"), items(relay.get("/v1/logs?level=info").object())
                    .stream().map(i -> i.get("id")).toList());
            assertTrue(items(relay.get("/v1/logs?since=" + (System.currentTimeMillis() + 30_000)).object()).isEmpty());
            Map<String, Object> first = items(relay.get("/v1/logs?limit=1").object()).get(0);
            assertEquals("p1", ((Map<?, ?>) first.get("metadata")).get("tabId"));

            assertEquals(400, relay.get("/v1/logs?limit=abc").status());
            assertEquals("invalid_request_error", ((Map<?, ?>) relay.get("/v1/logs?limit=0").object().get("error")).get("type"));
            assertEquals(Map.of("status", "ok", "cleared", 0.0), relay.delete("/v1/logs?tabId=other").object());
            assertEquals(Map.of("status", "ok", "cleared", 5.0), relay.delete("/v1/logs?tabId=p1").object());
            assertNull(relay.get("/v1/logs").object().get("nextCursor"));
        }
    }

    @Test
    void unknownPathsAre404WithAJsonBody() {
        TestRelay.HttpResult result = relay.get("/no/such/thing");
        assertEquals(404, result.status());
        Map<?, ?> error = (Map<?, ?>) result.object().get("error");
        assertEquals("not_found_error", error.get("type"));
        assertEquals("not-found", error.get("code"));
        assertTrue(((String) error.get("message")).contains("/no/such/thing"));
    }
}
