package dev.tabrelay.server.connection;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.control.Heartbeat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streamed replies: progress frames reach the waiter until the final reply, never after. */
class PendingProgressTest {

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final PendingRequests pending = new PendingRequests(scheduler);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void progressUntilTheReply() throws Exception {
        List<Message> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Message> future = pending.register("c", "r", Duration.ofSeconds(30), () -> "stream", seen::add);
        Message part = Message.of("p", 1, Heartbeat.alive());
        assertTrue(pending.progress("c", "r", part));
        assertFalse(pending.progress("c", "other", part));
        assertTrue(pending.complete("c", "r", Message.of("f", 2, Heartbeat.alive())));
        assertFalse(pending.progress("c", "r", part)); // late
        assertEquals(List.of(part), seen);
        assertEquals("f", future.get().id());
    }

    @Test
    void waitersWithoutProgressRefuseIt() {
        pending.register("c", "r", Duration.ofSeconds(30), "plain");
        assertFalse(pending.progress("c", "r", Message.of("p", 1, Heartbeat.alive())));
    }
}
