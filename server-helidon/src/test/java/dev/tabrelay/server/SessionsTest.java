package dev.tabrelay.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.tabrelay.server.ChatSupport.body;
import static dev.tabrelay.server.ChatSupport.chatAsync;
import static dev.tabrelay.server.ChatSupport.chatExtension;
import static dev.tabrelay.server.ChatSupport.error;
import static dev.tabrelay.server.ChatSupport.join;
import static dev.tabrelay.server.ChatSupport.requestId;
import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionsTest {

    private final TestRelay relay = new TestRelay(b -> b.chatTimeout(Duration.ofSeconds(30)));

    @AfterEach
    void stop() {
        relay.close();
    }

    private Map<String, Object> command(WsClient ws, String type, Map<String, Object> data, String expected) {
        String id = relay.nextId();
        ws.send(frame(id, type, data, null));
        return ws.awaitReply(id, expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sessionLifecycleWithPollingAndListing() {
        WsClient ext = chatExtension(relay, "7", null, null);
        Map<String, Object> created = data(command(ext, "NewSession",
                Map.of("tabId", "7", "apiPort", 8766, "socketPort", 8765), "SessionInfo"));
        assertEquals(true, created.get("exists"));
        assertEquals(ext.sessionId, created.get("sessionId"));
        assertEquals(8766.0, created.get("apiPort"));
        assertEquals(false, created.get("busy"));

        Map<String, Object> got = data(command(ext, "GetSession", Map.of("tabId", "7"), "SessionInfo"));
        assertEquals(true, got.get("exists"));
        assertEquals(8765.0, got.get("socketPort"));
        assertEquals(false, data(command(ext, "GetSession", Map.of("tabId", "8"), "SessionInfo")).get("exists"));

        Map<String, Object> poll = data(command(ext, "PollingSession", Map.of("tabId", "7"), "SessionStatus"));
        assertEquals(Map.of("tabId", "7", "exists", true, "busy", false), poll);

        List<Object> listed = (List<Object>) relay.get("/v1/sessions").object().get("data");
        assertEquals(1, listed.size());
        assertEquals("7", ((Map<String, Object>) listed.get(0)).get("tabId"));

        // Busy while a chat request runs on the tab.
        CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, body(null, false, "x"));
        Map<String, Object> send = ext.awaitType("SEND_CHAT_MESSAGE");
        assertEquals(true, data(command(ext, "PollingSession", Map.of("tabId", "7"), "SessionStatus")).get("busy"));
        assertEquals(true, ((Map<String, Object>) ((List<Object>) relay.get("/v1/sessions").object().get("data")).get(0)).get("busy"));
        ChatSupport.answer(ext, send, "done");
        assertEquals(200, join(reply).status());
        assertEquals(false, data(command(ext, "PollingSession", Map.of("tabId", "7"), "SessionStatus")).get("busy"));
    }

    @Test
    void getTabIdNamesTheSendersTab() {
        WsClient ext = chatExtension(relay, "42", null, null);
        assertEquals("42", data(command(ext, "GetTabId", Map.of(), "TabIdInfo")).get("tabId"));
        String id = relay.nextId();
        ext.send(frame(id, "GetTabId", Map.of(), Map.of("tabId", "43")));
        assertEquals("43", data(ext.awaitReply(id, "TabIdInfo")).get("tabId"));

        WsClient anonymous = chatExtension(relay, null, null, null);
        assertEquals("unknown-tab", data(command(anonymous, "GetTabId", Map.of(), "error")).get("code"));
    }

    @Test
    void disconnectClosesTheSessionForEveryParty() {
        WsClient ext = chatExtension(relay, "7", null, null);
        command(ext, "NewSession", Map.of("tabId", "7", "apiPort", 1, "socketPort", 2), "SessionInfo");
        WsClient watcher = relay.mcp(Map.of("tabId", "7"));
        WsClient other = relay.mcp(Map.of("tabId", "99"));
        CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, body(null, false, "x"));
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));

        WsClient popup = relay.connect("/extension-ws", "tabrelay-extension-v1");
        Map<String, Object> done = data(command(popup, "Disconnect", Map.of("tabId", "7"), "SessionDisconnected"));
        assertEquals(true, done.get("existed"));

        TestRelay.HttpResult failed = join(reply);
        assertEquals(502, failed.status());
        assertTrue(((String) error(failed).get("message")).contains("disconnected"));
        Map<String, Object> cancel = ext.awaitType("CANCEL_CHAT");
        assertEquals(id, data(cancel).get("requestId"));
        assertEquals("session-disconnected", data(cancel).get("reason"));
        assertEquals("session-disconnected", data(ext.awaitType("connection-close")).get("reason"));
        assertEquals(1000, ext.awaitClose());
        assertEquals("session-disconnected", data(watcher.awaitType("connection-close")).get("reason"));
        assertEquals(1000, watcher.awaitClose());
        assertFalse(other.closed.isDone());

        assertEquals(false, data(command(popup, "GetSession", Map.of("tabId", "7"), "SessionInfo")).get("exists"));
        assertEquals(false, data(command(popup, "Disconnect", Map.of("tabId", "7"), "SessionDisconnected")).get("existed"));
        assertEquals(List.of(), relay.get("/v1/sessions").object().get("data"));
    }

    @Test
    void disconnectOfOneTabKeepsAMultiTabExtensionConnected() {
        WsClient ext = chatExtension(relay, null, null, List.of("t1", "t2"));
        command(ext, "NewSession", Map.of("tabId", "t1"), "SessionInfo");
        command(ext, "Disconnect", Map.of("tabId", "t1", "reason", "user"), "SessionDisconnected");
        assertEquals("t1", TestRelay.metadata(ext.awaitType("connection-close")).get("tabId"));
        // Still connected, and only t2 takes chat now.
        CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, body(null, false, "x"));
        Map<String, Object> send = ext.awaitType("SEND_CHAT_MESSAGE");
        assertEquals("t2", TestRelay.metadata(send).get("tabId"));
        ChatSupport.answer(ext, send, "ok");
        assertEquals(200, join(reply).status());
        assertFalse(ext.closed.isDone());
    }
}
