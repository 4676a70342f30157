package dev.tabrelay.server.connection;

import dev.tabrelay.protocol.Message;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one request-correlation mechanism (screenshots, chat with streamed progress; CDP later). A waiter is keyed by
 * the connection that must answer and the id of the frame sent to it. Every waiter gets exactly one outcome:
 * the reply, a {@link RequestFailure}, or a timeout; when the answering connection drops, all its waiters fail
 * at once. {@link CompletableFuture} guarantees the "exactly once"; this class guarantees the "at least once".
 */
public final class PendingRequests {

    /** Equality written out: generated record methods were a visible cost of every chat request (JFR). */
    private record Key(String connectionId, String requestId) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && Objects.equals(connectionId, that.connectionId)
                    && Objects.equals(requestId, that.requestId);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(connectionId) + Objects.hashCode(requestId);
        }
    }

    private record Waiter(CompletableFuture<Message> future, Consumer<Message> progress) {
    }

    private final ScheduledExecutorService scheduler;
    private final Map<Key, Waiter> waiters = new ConcurrentHashMap<>();

    public PendingRequests(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Registers a waiter for the reply to {@code requestId} from {@code connectionId}.
     *
     * The future is this class's to complete: callers listen to it and must not complete or cancel it.
     *
     * @param what names the request in the timeout message, e.g. "screenshot of tab 7"
     */
    public CompletableFuture<Message> register(String connectionId, String requestId, Duration timeout, String what) {
        return register(connectionId, requestId, timeout, () -> what, null);
    }

    /**
     * Like {@link #register(String, String, Duration, String)}, for a request answered in several frames (a
     * streamed chat answer): {@link #progress} hands the intermediate frames to {@code progress} until the
     * final reply, a failure or the timeout completes the future. {@code progress} runs on the reader's thread
     * and must not block. {@code what} is built only for a timeout message (chat registers one per request).
     */
    public CompletableFuture<Message> register(String connectionId, String requestId, Duration timeout,
                                               Supplier<String> what,
                                               Consumer<Message> progress) {
        Key key = new Key(connectionId, requestId);
        CompletableFuture<Message> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(future, progress);
        if (waiters.putIfAbsent(key, waiter) != null) {
            throw new IllegalStateException("request id already pending: " + requestId);
        }
        ScheduledFuture<?> timer = scheduler.schedule(() -> settle(key, waiter, new RequestFailure(
                RequestFailure.TIMEOUT, what.get() + " got no reply within " + timeout.toMillis() + " ms")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        // Every outcome removes the waiter before it completes the future (complete, settle), so only the timer is
        // left to cancel; callers only listen to the future, never complete it.
        future.whenComplete((reply, error) -> timer.cancel(false));
        return future;
    }

    /**
     * Registers a waiter for the reply to {@code requestId} from {@code connection}, as
     * {@link #register(String, String, Duration, Supplier, Consumer)}. A connection's close fails the waiters
     * registered before it ({@link #failConnection}); one registered while the close runs (the tab was still
     * routable, the socket not yet shut) would wait for its timeout, so it fails here at once.
     */
    public CompletableFuture<Message> register(Connection connection, String requestId, Duration timeout,
                                               Supplier<String> what, Consumer<Message> progress) {
        CompletableFuture<Message> future = register(connection.id(), requestId, timeout, what, progress);
        if (!connection.isOpen()) { // terminated before its close listeners ran: failConnection may be past us
            fail(connection.id(), requestId, RequestFailure.disconnected(connection));
        }
        return future;
    }

    /** As {@link #register(Connection, String, Duration, Supplier, Consumer)}, answered in one frame. */
    public CompletableFuture<Message> register(Connection connection, String requestId, Duration timeout, String what) {
        return register(connection, requestId, timeout, () -> what, null);
    }

    /** Delivers a reply; false when nobody waits for it (late, duplicate or unknown). */
    public boolean complete(String connectionId, String requestId, Message reply) {
        Key key = new Key(connectionId, requestId);
        Waiter waiter = waiters.get(key);
        // Removal first: whoever removes the waiter settles it, and a caller woken by the outcome sees it gone.
        return waiter != null && waiters.remove(key, waiter) && waiter.future().complete(reply);
    }

    /** Delivers an intermediate frame; false when nobody waits for it or the waiter takes no progress. */
    public boolean progress(String connectionId, String requestId, Message update) {
        Waiter waiter = waiters.get(new Key(connectionId, requestId));
        if (waiter == null || waiter.progress() == null || waiter.future().isDone()) {
            return false;
        }
        waiter.progress().accept(update);
        return true;
    }

    public boolean fail(String connectionId, String requestId, RequestFailure failure) {
        Key key = new Key(connectionId, requestId);
        Waiter waiter = waiters.get(key);
        return waiter != null && settle(key, waiter, failure);
    }

    private boolean settle(Key key, Waiter waiter, RequestFailure failure) {
        return waiters.remove(key, waiter) && waiter.future().completeExceptionally(failure);
    }

    /** Fails every waiter on a connection that dropped; returns how many there were. */
    public int failConnection(String connectionId, RequestFailure failure) {
        int count = 0;
        for (var entry : List.copyOf(waiters.entrySet())) {
            if (entry.getKey().connectionId().equals(connectionId) && settle(entry.getKey(), entry.getValue(), failure)) {
                count++;
            }
        }
        return count;
    }

    /** Fails every waiter (shutdown). */
    public int failAll(RequestFailure failure) {
        int count = 0;
        for (var entry : List.copyOf(waiters.entrySet())) {
            if (settle(entry.getKey(), entry.getValue(), failure)) {
                count++;
            }
        }
        return count;
    }

    public int size() {
        return waiters.size();
    }
}
