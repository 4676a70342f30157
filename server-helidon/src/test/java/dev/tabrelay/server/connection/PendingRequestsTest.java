package dev.tabrelay.server.connection;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.control.Heartbeat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingRequestsTest {

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final PendingRequests pending = new PendingRequests(scheduler);
    final Message reply = Message.of("r", 1, Heartbeat.alive());

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static String code(CompletableFuture<Message> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        return RequestFailure.of(e).code();
    }

    @Test
    void replyWinsOnceAndLateRepliesAreRefused() throws Exception {
        CompletableFuture<Message> future = pending.register("c1", "r", Duration.ofSeconds(30), "test");
        assertTrue(pending.complete("c1", "r", reply));
        assertFalse(pending.complete("c1", "r", reply), "nothing is answered twice");
        assertFalse(pending.fail("c1", "r", new RequestFailure("x", "late")));
        assertSame(reply, future.get());
        assertEquals(0, pending.size());
    }

    /**
     * A command routed to a tab while its extension's close runs (the tab is removed by a later close listener)
     * used to wait for its whole timeout: the close had already failed the waiters registered before it.
     */
    @Test
    void aWaiterRegisteredWhileItsConnectionClosesFailsAtOnce() {
        ConnectionRegistry registry = new ConnectionRegistry();
        Connection connection = new Connection("ext_1", ConnectionKind.EXTENSION, null, null, 0,
                new OutboundQueue(new OutboundQueueTest.RecordingSink(), Runnable::run, 4, null), new RateLimiter(0),
                m -> List.of());
        registry.add(connection);
        registry.onClose(c -> pending.failConnection(c.id(), new RequestFailure(RequestFailure.PEER_GONE, "gone")));
        AtomicReference<CompletableFuture<Message>> duringClose = new AtomicReference<>();
        registry.onClose(c -> duringClose.set(pending.register(c, "late", Duration.ofSeconds(30), "test")));
        CompletableFuture<Message> beforeClose = pending.register(connection, "early", Duration.ofSeconds(30), "test");

        registry.terminate(connection, 1001, "going away");

        assertEquals(RequestFailure.PEER_GONE, code(beforeClose));
        assertTrue(duringClose.get().isDone(), "failed at once, not after its 30 s timeout");
        assertEquals(RequestFailure.PEER_GONE, code(duringClose.get()));
        assertEquals(0, pending.size());
    }

    @Test
    void timeoutFailsTheWaiter() {
        CompletableFuture<Message> future = pending.register("c1", "slow", Duration.ofMillis(50), "test");
        assertEquals(RequestFailure.TIMEOUT, code(future));
        assertFalse(pending.complete("c1", "slow", reply));
        assertEquals(0, pending.size());
    }

    @Test
    void droppedConnectionFailsOnlyItsWaiters() {
        CompletableFuture<Message> a = pending.register("c1", "a", Duration.ofSeconds(30), "test");
        CompletableFuture<Message> b = pending.register("c1", "b", Duration.ofSeconds(30), "test");
        CompletableFuture<Message> other = pending.register("c2", "a", Duration.ofSeconds(30), "test");
        assertEquals(2, pending.failConnection("c1", new RequestFailure(RequestFailure.PEER_GONE, "gone")));
        assertEquals(RequestFailure.PEER_GONE, code(a));
        assertEquals(RequestFailure.PEER_GONE, code(b));
        assertFalse(other.isDone());
        assertEquals(1, pending.failAll(new RequestFailure(RequestFailure.SHUTDOWN, "bye")));
        assertEquals(RequestFailure.SHUTDOWN, code(other));
    }
}
