package dev.tabrelay.server.connection;

import io.helidon.common.buffers.BufferData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundQueueTest {

    /** Runs the drainer only when the test says so, to control exactly what is queued. */
    static final class ManualExecutor implements Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable command) {
            tasks.add(command);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.remove(0).run();
            }
        }
    }

    static class RecordingSink implements OutboundQueue.Sink {
        final List<String> written = new ArrayList<>();

        @Override
        public void text(String text) {
            written.add(text);
        }

        @Override
        public void pong(BufferData data) {
            written.add("pong");
        }

        @Override
        public void ping(BufferData data) {
            written.add("ping");
        }

        @Override
        public void close(int code, String reason) {
            written.add("close " + code);
        }
    }

    /** A socket that is already gone: every text write fails. */
    static final class ClosedSocketSink extends RecordingSink {
        @Override
        public void text(String text) {
            throw new IllegalStateException("socket closed");
        }
    }

    @Test
    void overflowDropsOldestEventsKeepsControlFramesAndReportsTheCount() {
        ManualExecutor executor = new ManualExecutor();
        RecordingSink sink = new RecordingSink();
        OutboundQueue queue = new OutboundQueue(sink, executor, 2, n -> "dropped " + n);
        queue.sendEvent("e1");
        queue.sendControl("reply");
        queue.sendEvent("e2");
        queue.sendEvent("e3");
        queue.sendEvent("e4");
        queue.close(1001, "bye");
        assertFalse(queue.sendControl("after close"));
        executor.runAll();
        assertEquals(List.of("dropped 2", "reply", "e3", "e4", "close 1001"), sink.written);
        assertEquals(2, queue.droppedTotal());
        assertTrue(queue.finished().isDone());
    }

    @Test
    void aFailedWriteStopsTheQueue() {
        ManualExecutor executor = new ManualExecutor();
        OutboundQueue queue = new OutboundQueue(new ClosedSocketSink(), executor, 4, null);
        queue.sendControl("x");
        executor.runAll();
        assertTrue(queue.finished().isDone());
        assertFalse(queue.sendEvent("y"));
    }

    @Test
    void pingsGoInOrderAndAtMostOneWaits() {
        ManualExecutor executor = new ManualExecutor();
        RecordingSink sink = new RecordingSink();
        OutboundQueue queue = new OutboundQueue(sink, executor, 4, null);
        queue.sendControl("a");
        assertTrue(queue.ping());
        assertTrue(queue.ping()); // already queued: not added twice
        queue.sendControl("b");
        executor.runAll();
        assertTrue(queue.ping()); // the first one left, so a new one may wait
        executor.runAll();
        assertEquals(List.of("a", "ping", "b", "ping"), sink.written);
    }

    @Test
    void sendNowWritesOnTheCallersThreadWhenNothingIsAhead() {
        ManualExecutor executor = new ManualExecutor();
        RecordingSink sink = new RecordingSink();
        OutboundQueue queue = new OutboundQueue(sink, executor, 4, null);
        assertTrue(queue.sendControlNow("now"));
        assertEquals(List.of("now"), sink.written); // written before any drainer ran
        assertTrue(executor.tasks.isEmpty());
        queue.sendControl("later"); // the queue is idle again: a drainer takes this one
        executor.runAll();
        assertEquals(List.of("now", "later"), sink.written);
    }

    @Test
    void sendNowKeepsOrderBehindQueuedFrames() {
        ManualExecutor executor = new ManualExecutor();
        RecordingSink sink = new RecordingSink();
        OutboundQueue queue = new OutboundQueue(sink, executor, 4, null);
        queue.sendEvent("queued first");
        assertTrue(queue.sendControlNow("second"));
        assertEquals(List.of(), sink.written); // a drainer is due: the frame waits behind it
        executor.runAll();
        assertEquals(List.of("queued first", "second"), sink.written);
    }

    @Test
    void framesQueuedDuringAnInlineWriteGoToADrainerAfterIt() {
        ManualExecutor executor = new ManualExecutor();
        List<String> log = new ArrayList<>();
        OutboundQueue[] queue = new OutboundQueue[1];
        queue[0] = new OutboundQueue(new RecordingSink() {
            @Override
            public void text(String text) {
                if (text.equals("inline")) {
                    queue[0].sendControl("while writing"); // another thread's frame, mid-write
                    queue[0].close(1000, "done");
                }
                log.add(text);
            }

            @Override
            public void close(int code, String reason) {
                log.add("close " + code);
            }
        }, executor, 4, null);
        assertTrue(queue[0].sendControlNow("inline"));
        assertEquals(1, executor.tasks.size(), "one drainer for what arrived during the write");
        executor.runAll();
        assertEquals(List.of("inline", "while writing", "close 1000"), log);
        assertTrue(queue[0].finished().isDone());
    }

    @Test
    void aFailedInlineWriteStopsTheQueue() {
        ManualExecutor executor = new ManualExecutor();
        OutboundQueue queue = new OutboundQueue(new ClosedSocketSink(), executor, 4, null);
        assertFalse(queue.sendControlNow("x"));
        assertTrue(queue.finished().isDone());
        assertFalse(queue.sendControlNow("y"));
        assertTrue(executor.tasks.isEmpty());
    }
}
