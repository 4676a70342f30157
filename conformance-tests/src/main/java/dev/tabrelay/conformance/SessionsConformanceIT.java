package dev.tabrelay.conformance;

import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.RelayHttpException;
import dev.tabrelay.client.http.ChatCompletion;
import dev.tabrelay.client.http.ChatCompletionRequest;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ConnectWindow sessions (seed 000): NewSession, GetSession, PollingSession, GetTabId, Disconnect on
 * /extension-ws, and GET /v1/sessions (docs/server.md, Sessions). client-sdk's ExtensionClient answers these
 * commands but does not send them, so the extension here is a raw socket.
 */
class SessionsConformanceIT {

    /** Sends a command and returns the reply with the same id. */
    private static Map<String, Object> command(WsProbe ws, String type, Map<String, Object> data) {
        String id = type + "-" + UUID.randomUUID();
        ws.send(Json.frame(id, type, data));
        return ws.awaitFrame("answering " + type + " " + id, f -> id.equals(f.get("id")));
    }

    private static String connect(WsProbe ws, String tab) {
        ws.send(Json.connectionInit("init-" + tab, tab));
        return (String) Json.child(ws.awaitType("connection-ack"), "data").get("sessionId");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sessions(RelayClient relay) {
        RelayClient.HttpReply reply = relay.get("/v1/sessions");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("list", reply.json().get("object"), reply.body());
        return (List<Map<String, Object>>) reply.json().get("data");
    }

    @ConformanceTest
    void newGetPollingAndGetTabIdDescribeTheSession(RelayClient relay) {
        String tab = Sdk.unique("tab-session");
        try (WsProbe ws = relay.webSocket("/extension-ws")) {
            String sessionId = connect(ws, tab);

            Map<String, Object> created = command(ws, "NewSession", Map.of("tabId", tab, "apiPort", 8766, "socketPort", 8765));
            assertEquals("SessionInfo", created.get("type"), created.toString());
            Map<String, Object> info = Json.child(created, "data");
            assertEquals(tab, info.get("tabId"), created.toString());
            assertEquals(Boolean.TRUE, info.get("exists"), created.toString());
            assertEquals(sessionId, info.get("sessionId"), "the session is the sender's connection: " + created);
            assertEquals(8766.0, info.get("apiPort"), created.toString());
            assertEquals(8765.0, info.get("socketPort"), created.toString());
            assertEquals(Boolean.FALSE, info.get("busy"), created.toString());
            assertInstanceOf(Double.class, info.get("createdAt"), created.toString());

            Map<String, Object> got = command(ws, "GetSession", Map.of("tabId", tab));
            assertEquals("SessionInfo", got.get("type"), got.toString());
            assertEquals(Boolean.TRUE, Json.child(got, "data").get("exists"), got.toString());
            assertEquals(sessionId, Json.child(got, "data").get("sessionId"), got.toString());

            Map<String, Object> polled = command(ws, "PollingSession", Map.of("tabId", tab));
            assertEquals("SessionStatus", polled.get("type"), polled.toString());
            assertEquals(Boolean.TRUE, Json.child(polled, "data").get("exists"), polled.toString());
            assertEquals(Boolean.FALSE, Json.child(polled, "data").get("busy"), polled.toString());

            Map<String, Object> tabId = command(ws, "GetTabId", Map.of());
            assertEquals("TabIdInfo", tabId.get("type"), tabId.toString());
            assertEquals(tab, Json.child(tabId, "data").get("tabId"), "the connection-init tab: " + tabId);

            Map<String, Object> none = command(ws, "GetSession", Map.of("tabId", Sdk.unique("tab-none")));
            assertEquals("SessionInfo", none.get("type"), none.toString());
            assertEquals(Boolean.FALSE, Json.child(none, "data").get("exists"), none.toString());

            assertTrue(sessions(relay).stream().anyMatch(s -> tab.equals(s.get("tabId")) && sessionId.equals(s.get("sessionId"))),
                    "GET /v1/sessions lists " + tab + ": " + sessions(relay));
        }
    }

    @ConformanceTest
    void disconnectEndsTheSessionAndClosesItsParties(RelayClient relay) {
        String tab = Sdk.unique("tab-disconnect");
        try (WsProbe extension = relay.webSocket("/extension-ws");
             WsProbe mcp = relay.webSocket("/mcp-ws")) {
            connect(extension, tab);
            assertEquals(Boolean.TRUE, Json.child(command(extension, "NewSession", Map.of("tabId", tab)), "data").get("exists"));

            mcp.awaitOpen();
            String subscribe = "sub-" + UUID.randomUUID();
            mcp.send(Json.frame(subscribe, "subscribe", Map.of("tabId", tab)));
            mcp.awaitFrame("the subscribe ack", f -> "ack".equals(f.get("type"))
                    && subscribe.equals(Json.child(f, "data").get("replyTo")));

            Map<String, Object> ended = command(extension, "Disconnect", Map.of("tabId", tab, "reason", "conformance"));
            assertEquals("SessionDisconnected", ended.get("type"), ended.toString());
            assertEquals(tab, Json.child(ended, "data").get("tabId"), ended.toString());
            assertEquals(Boolean.TRUE, Json.child(ended, "data").get("existed"), ended.toString());

            for (WsProbe party : new WsProbe[] {extension, mcp}) {
                Map<String, Object> close = party.awaitType("connection-close");
                assertEquals("session-disconnected", Json.child(close, "data").get("reason"), close.toString());
                assertEquals(1000, party.awaitClose());
            }
            assertFalse(sessions(relay).stream().anyMatch(s -> tab.equals(s.get("tabId"))),
                    "GET /v1/sessions no longer lists " + tab);
        }
    }

    @ConformanceTest
    void disconnectOfAnUnknownTabSaysItDidNotExist(RelayClient relay) {
        String tab = Sdk.unique("tab-session-keep");
        try (WsProbe ws = relay.webSocket("/extension-ws")) {
            connect(ws, tab);
            Map<String, Object> ended = command(ws, "Disconnect", Map.of("tabId", Sdk.unique("tab-unknown")));
            assertEquals("SessionDisconnected", ended.get("type"), ended.toString());
            assertEquals(Boolean.FALSE, Json.child(ended, "data").get("existed"), ended.toString());
            // The sender's own connection is untouched.
            assertEquals("TabIdInfo", command(ws, "GetTabId", Map.of()).get("type"));
        }
    }

    @ConformanceTest
    void pollingShowsBusyDuringAChatAndDisconnectFailsItWith502(ServerTarget target, RelayClient relay) {
        String tab = Sdk.unique("tab-busy");
        String model = Sdk.unique("model-session");
        try (WsProbe extension = relay.webSocket("/extension-ws");
             RelayHttpClient http = Sdk.http(target)) {
            extension.send(Json.frame("init-" + tab, "connection-init", Map.of("clientType", "chrome-extension",
                    "version", "1.0.0", "capabilities", List.of("chat", "sessions"), "tabId", tab,
                    "models", List.of(Map.of("id", model)))));
            extension.awaitType("connection-ack");
            assertEquals(Boolean.TRUE, Json.child(command(extension, "NewSession", Map.of("tabId", tab)), "data").get("exists"));

            CompletableFuture<ChatCompletion> chat = http.chatCompletionAsync(ChatCompletionRequest.user(model, "hold"));
            Map<String, Object> send = extension.awaitType("SEND_CHAT_MESSAGE");
            String requestId = (String) Json.child(send, "data").get("requestId");

            Map<String, Object> polled = command(extension, "PollingSession", Map.of("tabId", tab));
            assertEquals(Boolean.TRUE, Json.child(polled, "data").get("busy"), "a chat request runs on the tab: " + polled);
            assertTrue(sessions(relay).stream().anyMatch(s -> tab.equals(s.get("tabId")) && Boolean.TRUE.equals(s.get("busy"))),
                    "GET /v1/sessions shows the session busy");

            command(extension, "Disconnect", Map.of("tabId", tab));
            Map<String, Object> cancel = extension.awaitType("CANCEL_CHAT");
            assertEquals(requestId, Json.child(cancel, "data").get("requestId"), cancel.toString());
            RelayHttpException failed = assertInstanceOf(RelayHttpException.class,
                    Sdk.awaitFailure(chat, "the chat request of a disconnected session"));
            assertEquals(502, failed.status(), failed.toString());
            assertEquals("peer-disconnected", failed.code(), failed.toString());
        }
    }
}
