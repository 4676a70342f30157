package dev.tabrelay.client.internal;

import dev.tabrelay.client.RelayException;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.control.Ack;
import dev.tabrelay.protocol.control.ErrorFrame;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Request/response correlation by envelope id: every call ends exactly once, with its reply, an error frame
 * that names it, a timeout, or the loss of the connection. Replies reuse the request's id; {@code ack} and
 * {@code error} frames may also name it in {@code data.replyTo}.
 */
public final class PendingCalls {

    private record Call(String id, String what, CompletableFuture<Message> future, Predicate<Message> interim,
                        ScheduledFuture<?>[] timeout) {
    }

    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final ClientThreads threads;

    public PendingCalls(ClientThreads threads) {
        this.threads = threads;
    }

    /**
     * Registers a call before its frame is sent.
     *
     * @param what    a description for error messages ("screenshot-request s1")
     * @param interim true for a reply that is progress, not the outcome (e.g. lease-queued); it is consumed
     *                and the call keeps waiting
     */
    public CompletableFuture<Message> register(String id, Duration timeout, String what, Predicate<Message> interim) {
        CompletableFuture<Message> future = new CompletableFuture<>();
        Call call = new Call(id, what, future, interim, new ScheduledFuture<?>[1]);
        if (calls.putIfAbsent(id, call) != null) {
            throw new IllegalStateException("a call with id " + id + " is already waiting");
        }
        arm(call, timeout);
        return future;
    }

    private void arm(Call call, Duration timeout) {
        call.timeout()[0] = threads.schedule(() -> fail(call.id(), new RelayException(RelayException.TIMEOUT,
                call.what() + " got no reply within " + timeout.toMillis() + " ms", call.id())),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Restarts the timeout of a waiting call (a queued lease waits longer). */
    public void extend(String id, Duration timeout) {
        Call call = calls.get(id);
        if (call != null) {
            cancelTimer(call);
            arm(call, timeout);
        }
    }

    /** Completes the call this frame answers; false when it answers none (it is then an unsolicited frame). */
    public boolean offer(Message message) {
        Call call = calls.get(message.id());
        if (call == null) {
            String replyTo = message.data() instanceof ErrorFrame e ? e.replyTo()
                    : message.data() instanceof Ack a ? a.replyTo() : null;
            call = replyTo == null ? null : calls.get(replyTo);
        }
        if (call == null) {
            return false;
        }
        if (message.data() instanceof ErrorFrame error) {
            return finish(call, null, RelayException.of(error));
        }
        if (call.interim() != null && call.interim().test(message)) {
            return true;
        }
        return finish(call, message, null);
    }

    public boolean fail(String id, RelayException error) {
        Call call = calls.get(id);
        return call != null && finish(call, null, error);
    }

    /** Fails every waiting call at once (connection lost or client closed). */
    public void failAll(RelayException error) {
        for (Call call : List.copyOf(calls.values())) {
            finish(call, null, new RelayException(error.code(), call.what() + ": " + error.getMessage(), call.id()));
        }
    }

    public int size() {
        return calls.size();
    }

    private boolean finish(Call call, Message reply, RelayException error) {
        if (!calls.remove(call.id(), call)) {
            return false;
        }
        cancelTimer(call);
        return error == null ? call.future().complete(reply) : call.future().completeExceptionally(error);
    }

    private static void cancelTimer(Call call) {
        ScheduledFuture<?> timer = call.timeout()[0];
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
