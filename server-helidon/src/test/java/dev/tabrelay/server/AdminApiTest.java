package dev.tabrelay.server;

import dev.tabrelay.server.admin.SettingsStore;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static dev.tabrelay.server.ChatSupport.answer;
import static dev.tabrelay.server.ChatSupport.body;
import static dev.tabrelay.server.ChatSupport.chatAsync;
import static dev.tabrelay.server.ChatSupport.chatExtension;
import static dev.tabrelay.server.ChatSupport.error;
import static dev.tabrelay.server.ChatSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API over real HTTP against a standalone server (restart is in {@link AdminRuntimeTest}). */
class AdminApiTest {

    private TestRelay relay;

    private TestRelay relay(java.util.function.Consumer<ServerConfig.Builder> settings) {
        relay = new TestRelay(settings);
        return relay;
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void serverInfoReportsSettingsConnectionsQueueAndUptime() {
        relay(b -> b.chatTimeout(Duration.ofSeconds(30)).newRequestBehavior("queue").maxQueueLength(7));
        WsClient ext = chatExtension(relay, "tab-1", null, List.of("tab-1", "tab-2"));
        CompletableFuture<TestRelay.HttpResult> running = chatAsync(relay, body(null, false, "hi"));
        Map<String, Object> send = ext.awaitType("SEND_CHAT_MESSAGE");

        Map<String, Object> info = relay.get("/v1/admin/server-info").object();
        assertEquals((double) relay.server.port(), info.get("port"));
        assertEquals(0.0, info.get("configuredPort"));
        assertEquals(false, info.get("restartRequired"));
        assertEquals(30000.0, info.get("requestTimeoutMs"));
        assertEquals("queue", info.get("newRequestBehavior"));
        assertEquals(7.0, info.get("maxQueueLength"));
        assertEquals(1000.0, info.get("historyLimit"));
        assertEquals(false, info.get("recordMessageText"));
        assertEquals(1.0, info.get("connectedExtensionsCount"));
        assertEquals(2.0, info.get("tabsCount"));
        assertEquals(0.0, info.get("queueLength"));
        assertEquals(1.0, info.get("activeRequests"));
        assertEquals(RelayServer.VERSION, info.get("version"));
        assertTrue(((Number) info.get("uptimeMs")).longValue() >= 0);
        assertTrue(info.containsKey("uptimeSeconds"));
        assertEquals(relay.dataDir.resolve("server-config.json").toAbsolutePath().toString(), info.get("settingsFile"));
        List<Object> extensions = (List<Object>) info.get("extensions");
        Map<String, Object> extension = (Map<String, Object>) extensions.get(0);
        assertEquals(ext.sessionId, extension.get("sessionId"));
        List<Object> tabs = (List<Object>) extension.get("tabs");
        assertEquals(2, tabs.size());
        long busy = tabs.stream().filter(t -> Boolean.TRUE.equals(((Map<String, Object>) t).get("busy"))).count();
        assertEquals(1, busy);
        assertEquals(List.of(), info.get("sessions"));

        answer(ext, send, "done");
        assertEquals(200, join(running).status());
    }

    @Test
    void updateSettingsAppliesAtOncePersistsAtomicallyAndReportsRestartForPort() throws IOException {
        relay(b -> { });
        TestRelay.HttpResult result = relay.post("/v1/admin/update-settings",
                "{\"requestTimeoutMs\":5000,\"newRequestBehavior\":\"drop\",\"maxQueueLength\":3,\"port\":4567}");
        assertEquals(200, result.status(), result.text());
        Map<String, Object> body = result.object();
        assertEquals(List.of("port", "requestTimeoutMs", "newRequestBehavior", "maxQueueLength"), body.get("changed"));
        assertEquals(true, body.get("restartRequired"));
        assertTrue(((String) body.get("message")).contains("restart"), body.get("message").toString());

        assertEquals(Duration.ofMillis(5000), relay.server.chatPolicy().get().requestTimeout());
        assertEquals("drop", relay.server.chatPolicy().get().newRequestBehavior().wireName());
        assertEquals(3, relay.server.chatPolicy().get().maxQueueLength());
        Map<String, Object> info = relay.get("/v1/admin/server-info").object();
        assertEquals(4567.0, info.get("configuredPort"));
        assertEquals((double) relay.server.port(), info.get("port"));
        assertEquals(true, info.get("restartRequired"));

        Path file = relay.dataDir.resolve(SettingsStore.FILE_NAME);
        Map<String, Object> saved = object(Files.readString(file));
        assertEquals(Map.of("port", 4567.0, "requestTimeoutMs", 5000.0, "newRequestBehavior", "drop",
                "maxQueueLength", 3.0, "historyLimit", 1000.0, "recordMessageText", false), saved);
        try (Stream<Path> files = Files.list(relay.dataDir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(SettingsStore.FILE_NAME) && !n.equals(SettingsStore.FILE_NAME)).toList(),
                    "no temp files are left behind");
        }

        // The same values again: nothing changes, the answer says so.
        TestRelay.HttpResult again = relay.post("/v1/admin/update-settings", "{\"maxQueueLength\":3}");
        assertEquals(200, again.status());
        assertEquals(List.of(), again.object().get("changed"));
    }

    @Test
    void invalidSettingsAre400WithTheReasonForEachFieldAndChangeNothing() throws IOException {
        relay(b -> { });
        Map<String, String> bad = Map.of(
                "{\"port\":70000}", "port must be a whole number from 0 to 65535, got 70000",
                "{\"port\":\"80\"}", "port must be a whole number from 0 to 65535, got \"80\"",
                "{\"requestTimeoutMs\":0}", "requestTimeoutMs must be a whole number from 1 to 86400000, got 0",
                "{\"requestTimeoutMs\":1.5}", "requestTimeoutMs must be a whole number from 1 to 86400000, got 1.5",
                "{\"newRequestBehavior\":\"fifo\"}", "newRequestBehavior must be \"queue\" or \"drop\", got \"fifo\"",
                "{\"maxQueueLength\":-1}", "maxQueueLength must be a whole number from 0 to 100000, got -1",
                "{\"historyLimit\":0}", "historyLimit must be a whole number from 1 to 100000, got 0",
                "{\"recordMessageText\":\"yes\"}", "recordMessageText must be true or false, got \"yes\"",
                "{\"autoKillPort\":true}", "unknown setting 'autoKillPort'",
                "{\"port\":null}", "port must not be null");
        for (Map.Entry<String, String> c : bad.entrySet()) {
            TestRelay.HttpResult result = relay.post("/v1/admin/update-settings", c.getKey());
            assertEquals(400, result.status(), c.getKey());
            Map<String, Object> error = error(result);
            assertEquals("invalid-request", error.get("code"));
            assertTrue(((String) error.get("message")).contains(c.getValue()), c.getKey() + " -> " + error.get("message"));
        }
        // Every problem at once.
        Map<String, Object> both = error(relay.post("/v1/admin/update-settings", "{\"port\":-1,\"newRequestBehavior\":1}"));
        assertTrue(((String) both.get("message")).contains("port must be"), both.toString());
        assertTrue(((String) both.get("message")).contains("newRequestBehavior must be"), both.toString());
        assertEquals(400, relay.post("/v1/admin/update-settings", "{}").status());
        assertEquals(400, relay.post("/v1/admin/update-settings", "[1]").status());
        assertEquals(400, relay.post("/v1/admin/update-settings", "{not json").status());

        assertEquals(Duration.ofMinutes(2), relay.server.chatPolicy().get().requestTimeout());
        assertFalse(Files.exists(relay.dataDir.resolve(SettingsStore.FILE_NAME)), "nothing was saved");
    }

    @Test
    void switchingToDropMakesTheNextBusyRequest429AndTimeoutAppliesToTheNextRequest() {
        relay(b -> { });
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        CompletableFuture<TestRelay.HttpResult> first = chatAsync(relay, body(null, false, "first"));
        Map<String, Object> send = ext.awaitType("SEND_CHAT_MESSAGE");

        assertEquals(200, relay.post("/v1/admin/update-settings", "{\"newRequestBehavior\":\"drop\"}").status());
        TestRelay.HttpResult dropped = join(chatAsync(relay, body(null, false, "second")));
        assertEquals(429, dropped.status());
        assertEquals("tabs-busy", error(dropped).get("code"));

        assertEquals(200, relay.post("/v1/admin/update-settings",
                "{\"newRequestBehavior\":\"queue\",\"maxQueueLength\":0}").status());
        TestRelay.HttpResult full = join(chatAsync(relay, body(null, false, "third")));
        assertEquals(429, full.status());
        assertEquals("queue-full", error(full).get("code"));

        answer(ext, send, "ok");
        assertEquals(200, join(first).status());

        assertEquals(200, relay.post("/v1/admin/update-settings", "{\"requestTimeoutMs\":200}").status());
        TestRelay.HttpResult late = join(chatAsync(relay, body(null, false, "slow")));
        assertEquals(504, late.status());
        assertEquals("timeout", error(late).get("code"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void historyIsNewestFirstBoundedLimitedAndKeepsTextOnlyWhenAllowed() {
        relay(b -> { });
        WsClient ext = chatExtension(relay, "tab-1", List.of("m1"), null);
        CompletableFuture<TestRelay.HttpResult> quiet = chatAsync(relay, body("m1", false, "secret prompt"));
        answer(ext, ext.awaitType("SEND_CHAT_MESSAGE"), "secret answer");
        assertEquals(200, join(quiet).status());

        Map<String, Object> page = relay.get("/v1/admin/message-history").object();
        List<Map<String, Object>> entries = (List<Map<String, Object>>) (List<?>) page.get("data");
        List<String> types = entries.stream().map(e -> (String) e.get("type")).toList();
        assertEquals(List.of("CHAT_REQUEST_COMPLETED", "CHAT_REQUEST_PROCESSING", "CHAT_REQUEST_RECEIVED",
                "EXTENSION_CONNECTED"), types, "newest first");
        Map<String, Object> completed = entries.get(0);
        assertEquals("tab-1", completed.get("tabId"));
        assertEquals("m1", completed.get("model"));
        assertEquals(200.0, completed.get("status"));
        assertTrue(((Number) completed.get("durationMs")).longValue() >= 0);
        assertFalse(page.toString().contains("secret"), "text is left out by default: " + page);
        assertFalse(completed.containsKey("answer"));
        assertFalse(entries.get(2).containsKey("prompt"));
        assertEquals(false, page.get("recordMessageText"));

        assertEquals(200, relay.post("/v1/admin/update-settings", "{\"recordMessageText\":true}").status());
        CompletableFuture<TestRelay.HttpResult> loud = chatAsync(relay, body("m1", false, "visible prompt"));
        answer(ext, ext.awaitType("SEND_CHAT_MESSAGE"), "visible answer");
        assertEquals(200, join(loud).status());
        List<Map<String, Object>> recent = (List<Map<String, Object>>) (List<?>)
                relay.get("/v1/admin/message-history?limit=3").object().get("data");
        assertEquals(3, recent.size(), "limit");
        assertEquals("visible answer", recent.get(0).get("answer"));
        assertEquals("visible prompt", recent.get(2).get("prompt"));

        // Shrinking the ring drops the oldest at once; seq keeps falling down the page.
        assertEquals(200, relay.post("/v1/admin/update-settings", "{\"historyLimit\":4}").status());
        Map<String, Object> small = relay.get("/v1/admin/message-history?limit=100").object();
        List<Map<String, Object>> kept = (List<Map<String, Object>>) (List<?>) small.get("data");
        assertEquals(4, kept.size());
        assertEquals(4.0, small.get("capacity"));
        assertEquals("SETTINGS_UPDATED", kept.get(0).get("type"));
        for (int i = 1; i < kept.size(); i++) {
            assertTrue(((Number) kept.get(i - 1).get("seq")).longValue() > ((Number) kept.get(i).get("seq")).longValue());
        }
        String id = (String) recent.get(0).get("requestId");
        List<Object> one = (List<Object>) relay.get("/v1/admin/message-history?requestId=" + id
                + "&type=CHAT_REQUEST_COMPLETED").object().get("data");
        assertEquals(1, one.size());

        assertEquals(400, relay.get("/v1/admin/message-history?limit=0").status());
        assertEquals(400, relay.get("/v1/admin/message-history?limit=abc").status());
    }

    @Test
    void refusedRequestsAreRecordedAsDroppedOrError() {
        relay(b -> { });
        assertEquals(503, join(chatAsync(relay, body(null, false, "nobody there"))).status());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) relay.get("/v1/admin/message-history").object().get("data");
        assertEquals("CHAT_REQUEST_ERROR", entries.get(0).get("type"));
        assertEquals(503.0, entries.get(0).get("status"));
        assertTrue(((String) entries.get(0).get("detail")).startsWith("no-extension"));
    }

    @Test
    void changesFromAnotherOriginAreRefusedAndRestartNeedsTheRuntime() {
        relay(b -> { });
        Request foreign = new Request.Builder().url(relay.base() + "/v1/admin/update-settings")
                .header("Origin", "https://evil.example")
                .post(RequestBody.create("{\"newRequestBehavior\":\"drop\"}", ChatSupport.JSON_TYPE)).build();
        TestRelay.HttpResult refused = relay.call(foreign);
        assertEquals(403, refused.status());
        assertEquals("foreign-origin", error(refused).get("code"));
        assertEquals("queue", relay.server.chatPolicy().get().newRequestBehavior().wireName());

        Request same = new Request.Builder().url(relay.base() + "/v1/admin/update-settings")
                .header("Origin", relay.base())
                .post(RequestBody.create("{\"newRequestBehavior\":\"drop\"}", ChatSupport.JSON_TYPE)).build();
        assertEquals(200, relay.call(same).status());

        TestRelay.HttpResult restart = relay.post("/v1/admin/restart-server", "");
        assertEquals(501, restart.status());
        assertEquals("restart-unavailable", error(restart).get("code"));
    }

    @Test
    void adminPageIsServed() {
        relay(b -> { });
        TestRelay.HttpResult page = relay.get("/admin");
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"));
        assertTrue(page.text().contains("id=\"settings-form\""));
        assertTrue(relay.get("/admin/admin.js").contentType().startsWith("text/javascript"));
        assertTrue(relay.get("/admin/admin.css").contentType().startsWith("text/css"));
        assertEquals(404, relay.get("/admin/missing.js").status());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String json) throws IOException {
        return (Map<String, Object>) TestRelay.JSON.fromJson(json);
    }
}
