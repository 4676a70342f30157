package dev.tabrelay.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static dev.tabrelay.server.ChatSupport.answer;
import static dev.tabrelay.server.ChatSupport.body;
import static dev.tabrelay.server.ChatSupport.chatAsync;
import static dev.tabrelay.server.ChatSupport.chatExtension;
import static dev.tabrelay.server.ChatSupport.content;
import static dev.tabrelay.server.ChatSupport.join;
import static dev.tabrelay.server.TestRelay.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which idle tab the chat router picks: a tab advertising the model first, then the least recently used. */
class ChatTabChoiceTest {

    private TestRelay relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void idleTabsTakeTurnsLeastRecentlyUsedFirst() {
        relay = new TestRelay(b -> { });
        WsClient ext = chatExtension(relay, null, null, List.of("t1", "t2", "t3"));
        List<Object> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, body(null, false, "n" + i));
            Map<String, Object> send = ext.awaitType("SEND_CHAT_MESSAGE");
            order.add(metadata(send).get("tabId"));
            answer(ext, send, "a" + i);
            assertEquals("a" + i, content(join(reply)));
        }
        assertEquals(Set.of("t1", "t2", "t3"), Set.copyOf(order.subList(0, 3)), "every tab once before any twice");
        assertEquals(order.get(0), order.get(3), "then the least recently used one");
    }

    @Test
    void aTabThatAdvertisesTheModelWinsOverOneThatServesAnyModel() {
        relay = new TestRelay(b -> { });
        WsClient any = chatExtension(relay, "tab-any", null, null);   // connected first, no model list
        WsClient exact = chatExtension(relay, "tab-m", List.of("m"), null);
        CompletableFuture<TestRelay.HttpResult> first = chatAsync(relay, body("m", false, "one"));
        Map<String, Object> toExact = exact.awaitType("SEND_CHAT_MESSAGE");
        // With the exact tab busy, the next request for "m" goes to the tab that serves any model.
        CompletableFuture<TestRelay.HttpResult> second = chatAsync(relay, body("m", false, "two"));
        Map<String, Object> toAny = any.awaitType("SEND_CHAT_MESSAGE");
        assertTrue(exact.frames.stream().noneMatch(f -> f.contains("SEND_CHAT_MESSAGE")), "one request at a time per tab");
        answer(any, toAny, "from any");
        answer(exact, toExact, "from m");
        assertEquals("from m", content(join(first)));
        assertEquals("from any", content(join(second)));
    }

    @Test
    void extensionsThatLeaveLeaveNoTabStateBehind() {
        relay = new TestRelay(b -> { });
        for (int i = 0; i < 3; i++) {
            WsClient ext = chatExtension(relay, "tab-" + i, null, null);
            CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, body(null, false, "n" + i));
            answer(ext, ext.awaitType("SEND_CHAT_MESSAGE"), "a" + i);
            assertEquals("a" + i, content(join(reply)));
            assertEquals(1, relay.server.chatRouter().trackedTabs());
            ext.close();
            ChatSupport.await(() -> relay.server.chatRouter().trackedTabs() == 0, "the idle tab forgotten");
        }
        // A tab that leaves while it answers is forgotten once its call has failed.
        WsClient busy = chatExtension(relay, "tab-busy", null, null);
        CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, body(null, false, "never answered"));
        busy.awaitType("SEND_CHAT_MESSAGE");
        busy.close();
        assertEquals(502, join(reply).status());
        ChatSupport.await(() -> relay.server.chatRouter().trackedTabs() == 0, "the busy tab forgotten");
        assertEquals(0, relay.server.chatRouter().runningCount());
    }
}
