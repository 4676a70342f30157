package dev.tabrelay.server;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlowSubscriberTest {

    @Test
    void slowSubscriberLosesOldestEventsWithoutBlockingAnyoneElse() {
        int events = 600;
        String payload = "z".repeat(60_000); // 600 x 60 KB overflows any socket buffer, so the relay must queue
        try (TestRelay relay = new TestRelay(b -> b.outboundQueue(8).messagesPerSecond(0).logsPerTab(events + 10))) {
            try (WsClient ext = relay.extension("slow-tab"); WsClient fast = relay.mcp(Map.of());
                 WsClient slow = relay.mcp(Map.of())) {
                CountDownLatch gate = new CountDownLatch(1);
                slow.gate = gate; // the slow client stops reading
                for (int i = 0; i < events; i++) {
                    ext.send(frame("ev" + i, "console-log", Map.of("level", "log", "message", i + ":" + payload), null));
                    // Lockstep with the fast subscriber: it keeps up, so only the stuck one may lose events.
                    assertEquals("ev" + i, fast.next().get("id"));
                }
                // The extension is not blocked: its heartbeat is answered while the slow client is stuck.
                ext.send(frame("still-alive", "heartbeat", Map.of(), null));
                ext.awaitReply("still-alive", "heartbeat");
                gate.countDown();
                long dropped = 0;
                int received = 0;
                String lastId = null;
                while (!"ev" .concat(Integer.toString(events - 1)).equals(lastId)) {
                    Map<String, Object> next = slow.next();
                    if ("error".equals(next.get("type"))) {
                        assertEquals("events-dropped", data(next).get("code"));
                        dropped += ((Number) ((Map<?, ?>) data(next).get("details")).get("dropped")).longValue();
                    } else {
                        received++;
                        lastId = (String) next.get("id");
                    }
                }
                assertTrue(dropped > 0, "some events must have been dropped");
                assertEquals(events, received + dropped, "every event is either delivered or counted as dropped");
                Map<String, Object> health = relay.get("/health").object();
                assertTrue(((Number) health.get("droppedEvents")).longValue() >= dropped);
            }
        }
    }
}
