package dev.tabrelay.server.connection;

import io.helidon.common.buffers.BufferData;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The one way bytes leave a socket. Helidon's {@code WsSession.send} is not thread-safe and blocks on a slow
 * peer, so every write goes through this queue and exactly one drainer task at a time performs them.
 * Events are droppable: when the queue is full the oldest queued event is discarded (counted, and reported to
 * the peer by a notice frame before the next write). Replies and control frames are never dropped; if they
 * pile up past a hard limit the peer is not reading at all and the socket is closed.
 */
public final class OutboundQueue {

    /** Where the drainer writes; implemented over a Helidon session, or a fake in unit tests. */
    public interface Sink {
        void text(String text);

        void pong(BufferData data);

        void ping(BufferData data);

        void close(int code, String reason);
    }

    private sealed interface Item permits Text, Pong, Ping, Close {
    }

    private record Text(String text, boolean droppable) implements Item {
    }

    private record Pong(BufferData data) implements Item {
    }

    private record Ping() implements Item {
    }

    private record Close(int code, String reason) implements Item {
    }

    private final Sink sink;
    private final Executor executor;
    private final int capacity;
    private final int hardLimit;
    private final LongFunction<String> dropNotice;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private long droppedUnreported;
    private int droppableQueued;
    private boolean draining;
    private boolean closing;
    private boolean pingQueued;

    /**
     * @param capacity   most events queued at once before the oldest is dropped
     * @param dropNotice builds the frame that tells the peer how many events it lost (null: no notice)
     */
    public OutboundQueue(Sink sink, Executor executor, int capacity, LongFunction<String> dropNotice) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.capacity = capacity;
        this.hardLimit = Math.max(capacity * 4, 1024);
        this.dropNotice = dropNotice;
    }

    /** Queues a frame that must arrive (reply, error, control). False when the socket is closing or jammed. */
    public boolean sendControl(String text) {
        return offer(new Text(text, false));
    }

    /**
     * As {@link #sendControl}, but when nothing is queued or being written the calling thread writes the frame
     * itself instead of starting a drainer for it (a thread start and a hand-off per frame, visible in the chat
     * benchmark). Frames queued meanwhile go to a drainer as usual. The caller may block on this peer's socket:
     * only for a thread that waits for this very peer anyway, such as the request handler of a chat call.
     */
    public boolean sendControlNow(String text) {
        boolean inline;
        synchronized (this) {
            if (closing) {
                return false;
            }
            inline = !draining && items.isEmpty();
            draining |= inline;
        }
        if (!inline) {
            return sendControl(text);
        }
        try {
            sink.text(text);
        } catch (RuntimeException e) {
            // The socket is gone: nothing queued can be delivered any more.
            stop();
            finished.complete(null);
            return false;
        }
        synchronized (this) {
            if (items.isEmpty()) {
                draining = false;
                return true;
            }
        }
        executor.execute(this::drain); // still marked draining: the drainer takes over what arrived meanwhile
        return true;
    }

    /** Queues an event that may be dropped (oldest first) when the peer reads too slowly. */
    public boolean sendEvent(String text) {
        return offer(new Text(text, true));
    }

    public boolean pong(BufferData data) {
        return offer(new Pong(data));
    }

    /**
     * Queues a WebSocket ping (peers answer with a pong, which counts as liveness). At most one waits at a
     * time: a peer too slow to take the last one needs no second.
     */
    public boolean ping() {
        synchronized (this) {
            if (pingQueued) {
                return true;
            }
            pingQueued = true;
        }
        boolean queued = offer(new Ping());
        if (!queued) {
            synchronized (this) {
                pingQueued = false;
            }
        }
        return queued;
    }

    /** Closes the socket after everything queued so far has been written. Idempotent. */
    public void close(int code, String reason) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            items.add(new Close(code, reason));
        }
        schedule();
    }

    /** Completes when the drainer has written the close frame or the socket failed. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    public long droppedTotal() {
        return droppedTotal.get();
    }

    public synchronized int size() {
        return items.size();
    }

    private boolean offer(Item item) {
        synchronized (this) {
            if (closing) {
                return false;
            }
            if (item instanceof Text text && text.droppable()) {
                if (droppableQueued >= capacity) {
                    dropOldestEvent();
                }
                droppableQueued++;
            } else if (items.size() >= hardLimit) {
                return false;
            }
            items.add(item);
        }
        schedule();
        return true;
    }

    private void dropOldestEvent() {
        for (Iterator<Item> it = items.iterator(); it.hasNext(); ) {
            if (it.next() instanceof Text text && text.droppable()) {
                it.remove();
                droppableQueued--;
                droppedUnreported++;
                droppedTotal.incrementAndGet();
                return;
            }
        }
    }

    private void schedule() {
        synchronized (this) {
            if (draining || items.isEmpty()) {
                return;
            }
            draining = true;
        }
        executor.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Item item;
            long dropped = 0;
            synchronized (this) {
                if (droppedUnreported > 0 && dropNotice != null) {
                    dropped = droppedUnreported;
                    droppedUnreported = 0;
                    item = null;
                } else {
                    item = items.poll();
                    if (item == null) {
                        draining = false;
                        return;
                    }
                    if (item instanceof Text text && text.droppable()) {
                        droppableQueued--;
                    } else if (item instanceof Ping) {
                        pingQueued = false;
                    }
                }
            }
            try {
                if (item == null) {
                    sink.text(dropNotice.apply(dropped));
                } else if (item instanceof Text text) {
                    sink.text(text.text());
                } else if (item instanceof Pong pong) {
                    sink.pong(pong.data());
                } else if (item instanceof Ping) {
                    sink.ping(BufferData.empty());
                } else if (item instanceof Close close) {
                    stop();
                    sink.close(close.code(), close.reason());
                    finished.complete(null);
                    return;
                }
            } catch (RuntimeException e) {
                // The socket is gone: nothing queued can be delivered any more.
                stop();
                finished.complete(null);
                return;
            }
        }
    }

    private synchronized void stop() {
        closing = true;
        items.clear();
        droppableQueued = 0;
        draining = false;
    }
}
