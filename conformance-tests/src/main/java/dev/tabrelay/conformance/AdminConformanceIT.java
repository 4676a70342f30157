package dev.tabrelay.conformance;

import dev.tabrelay.client.ExtensionClient;
import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.RelayHttpException;
import dev.tabrelay.client.http.ChatCompletionRequest;
import dev.tabrelay.client.http.ServerInfo;
import dev.tabrelay.client.http.SettingsUpdate;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /v1/admin: server-info, update-settings (validation, restore), message-history (docs/server.md, Admin). */
class AdminConformanceIT {

    private static RelayClient.HttpReply post(RelayClient relay, String path, String body, String origin) {
        Request.Builder request = new Request.Builder().url(relay.target().http(path).toString())
                .post(RequestBody.create(body, MediaType.get("application/json")));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return relay.call(request.build());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> json, String key) {
        return (List<Map<String, Object>>) json.get(key);
    }

    @ConformanceTest
    void serverInfoReportsSettingsConnectionsAndUptime(ServerTarget target, RelayClient relay) {
        String tab = Sdk.unique("tab-admin");
        try (ExtensionClient extension = Sdk.extension(target, tab).build();
             RelayHttpClient http = Sdk.http(target)) {
            String sessionId = Sdk.await(extension.connect(), "the extension connection-ack").sessionId();

            RelayClient.HttpReply reply = relay.get("/v1/admin/server-info");
            assertEquals(200, reply.status(), reply.body());
            Map<String, Object> info = reply.json();
            assertTrue(info.get("version") instanceof String v && !v.isBlank(), reply.body());
            assertTrue(assertInstanceOf(Double.class, info.get("port"), reply.body()) > 0, "the listening port");
            assertTrue(assertInstanceOf(Double.class, info.get("requestTimeoutMs"), reply.body()) > 0);
            assertTrue(List.of("queue", "drop").contains(info.get("newRequestBehavior")), reply.body());
            assertInstanceOf(Double.class, info.get("maxQueueLength"), reply.body());
            assertInstanceOf(Double.class, info.get("historyLimit"), reply.body());
            assertInstanceOf(Boolean.class, info.get("recordMessageText"), reply.body());
            assertInstanceOf(Double.class, info.get("queueLength"), reply.body());
            assertInstanceOf(Double.class, info.get("activeRequests"), reply.body());
            assertTrue(assertInstanceOf(Double.class, info.get("uptimeMs"), reply.body()) >= 0);
            Map<String, Object> connections = Json.child(info, "connections");
            assertTrue((Double) connections.get("extension") >= 1, reply.body());
            assertTrue((Double) connections.get("total") >= 1, reply.body());
            assertTrue(list(info, "extensions").stream().anyMatch(e -> sessionId.equals(e.get("sessionId"))),
                    "extensions lists the connected one: " + reply.body());
            assertInstanceOf(List.class, info.get("sessions"), reply.body());

            // The SDK's (Chat Relay) view of the same endpoint.
            ServerInfo sdk = http.serverInfo();
            assertEquals(((Double) info.get("requestTimeoutMs")).longValue(), sdk.requestTimeoutMs());
            assertEquals(info.get("newRequestBehavior"), sdk.newRequestBehavior());
            assertTrue(sdk.connectedExtensionsCount() >= 1, sdk.toString());
        }
    }

    @ConformanceTest
    void updateSettingsRefusesBadValuesWith400AndAppliesNothing(ServerTarget target, RelayClient relay) {
        try (RelayHttpClient http = Sdk.http(target)) {
            ServerInfo before = http.serverInfo();
            for (String body : new String[] {"{\"port\":70000,\"noSuchSetting\":1}", "{\"requestTimeoutMs\":\"80\"}",
                    "{\"requestTimeoutMs\":1.5}", "{\"newRequestBehavior\":\"sometimes\"}", "{\"maxQueueLength\":null}",
                    "{\"requestTimeoutMs\":1000,\"newRequestBehavior\":\"sometimes\"}", "not json"}) {
                RelayClient.HttpReply reply = post(relay, "/v1/admin/update-settings", body, null);
                assertEquals(400, reply.status(), body + " -> " + reply.body());
                Map<String, Object> error = Json.child(reply.json(), "error");
                assertEquals("invalid-request", error.get("code"), body + " -> " + reply.body());
            }
            RelayClient.HttpReply both = post(relay, "/v1/admin/update-settings", "{\"port\":70000,\"noSuchSetting\":1}", null);
            String message = (String) Json.child(both.json(), "error").get("message");
            assertTrue(message.contains("port") && message.contains("noSuchSetting"), "every reason is given: " + message);

            RelayHttpException sdk = assertThrows(RelayHttpException.class,
                    () -> http.updateSettings(SettingsUpdate.none().withNewRequestBehavior("sometimes")));
            assertEquals(400, sdk.status(), sdk.toString());

            ServerInfo after = http.serverInfo();
            assertEquals(before.requestTimeoutMs(), after.requestTimeoutMs(), "nothing applied");
            assertEquals(before.newRequestBehavior(), after.newRequestBehavior(), "nothing applied");
        }
    }

    @ConformanceTest
    void updateSettingsAppliesAtOnceAndIsRestored(ServerTarget target, RelayClient relay) throws Exception {
        try (RelayHttpClient http = Sdk.http(target)) {
            ServerInfo before = http.serverInfo();
            long changed = before.requestTimeoutMs() + 1;
            try (AutoCloseable restore = Sdk.chatSettings(http, SettingsUpdate.none().withRequestTimeoutMs(changed))) {
                assertEquals(changed, http.serverInfo().requestTimeoutMs(), "applied at once");
            }
            assertEquals(before.requestTimeoutMs(), http.serverInfo().requestTimeoutMs(), "restored");

            RelayClient.HttpReply reply = post(relay, "/v1/admin/update-settings",
                    "{\"requestTimeoutMs\":" + before.requestTimeoutMs() + "}", null);
            assertEquals(200, reply.status(), reply.body());
            assertInstanceOf(List.class, reply.json().get("changed"), reply.body());
            assertEquals(Boolean.FALSE, reply.json().get("restartRequired"), reply.body());
            assertEquals(before.requestTimeoutMs().doubleValue(), Json.child(reply.json(), "settings").get("requestTimeoutMs"),
                    reply.body());
        }
    }

    @ConformanceTest
    void updateSettingsFromAForeignOriginIs403(RelayClient relay) {
        Object before = relay.get("/v1/admin/server-info").json().get("newRequestBehavior");
        String other = "drop".equals(before) ? "queue" : "drop";
        RelayClient.HttpReply reply = post(relay, "/v1/admin/update-settings", "{\"newRequestBehavior\":\"" + other + "\"}",
                "https://evil.example");
        assertEquals(403, reply.status(), reply.body());
        assertEquals("foreign-origin", Json.child(reply.json(), "error").get("code"), reply.body());
        assertEquals(before, relay.get("/v1/admin/server-info").json().get("newRequestBehavior"), "nothing applied");
    }

    @ConformanceTest
    void messageHistoryIsNewestFirst(ServerTarget target, RelayClient relay) {
        String model = Sdk.unique("model-history");
        try (ExtensionClient extension = Sdk.extension(target, Sdk.unique("tab-history")).model(model)
                .onChat((request, reply) -> reply.complete("ok"))
                .build();
             RelayHttpClient http = Sdk.http(target)) {
            Sdk.await(extension.connect(), "the extension connection-ack");
            assertEquals("ok", http.chatCompletion(ChatCompletionRequest.user(model, "remember me")).content());

            String[] requestId = new String[1];
            Sdk.eventually("CHAT_REQUEST_COMPLETED for " + model + " in the history", () -> {
                for (Map<String, Object> entry : list(relay.get("/v1/admin/message-history?limit=200").json(), "data")) {
                    if ("CHAT_REQUEST_COMPLETED".equals(entry.get("type")) && model.equals(entry.get("model"))) {
                        requestId[0] = (String) entry.get("requestId");
                        return true;
                    }
                }
                return false;
            });

            RelayClient.HttpReply all = relay.get("/v1/admin/message-history?limit=200");
            assertEquals(200, all.status(), all.body());
            assertEquals("list", all.json().get("object"), all.body());
            List<Map<String, Object>> entries = list(all.json(), "data");
            for (int i = 1; i < entries.size(); i++) {
                assertTrue((Double) entries.get(i - 1).get("seq") > (Double) entries.get(i).get("seq"),
                        "newest first by seq at " + i + ": " + all.body());
            }

            RelayClient.HttpReply mine = relay.get("/v1/admin/message-history?requestId=" + requestId[0]);
            List<String> types = list(mine.json(), "data").stream().map(e -> (String) e.get("type")).toList();
            assertEquals("CHAT_REQUEST_COMPLETED", types.get(0), "newest first: " + types);
            assertEquals("CHAT_REQUEST_RECEIVED", types.get(types.size() - 1), "oldest last: " + types);
            assertEquals(200.0, list(mine.json(), "data").get(0).get("status"), mine.body());

            RelayClient.HttpReply limited = relay.get("/v1/admin/message-history?limit=1");
            assertEquals(1, list(limited.json(), "data").size(), limited.body());
        }
    }
}
