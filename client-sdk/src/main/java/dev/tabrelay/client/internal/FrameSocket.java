package dev.tabrelay.client.internal;

import dev.tabrelay.client.ConnectionListener;
import dev.tabrelay.client.ConnectionState;
import dev.tabrelay.client.RelayException;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionClose;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.control.Heartbeat;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One logical connection to the relay over any number of OkHttp WebSockets: handshake ({@code connection-init}
 * → {@code connection-ack}), reconnect with backoff, heartbeats, a throttled and bounded outbound queue, request
 * correlation and serial delivery of everything inbound. Thread-safe; the monitor of this object guards the
 * connection state, and no listener is ever called while holding it.
 */
public final class FrameSocket {

    /** What a client role adds to the engine. Called on the callback thread. */
    public interface Role {
        /** The connection-init frame to send first on every new connection. */
        Message connectionInit(String id, long now);

        /** Frames that restore the role's server-side state after a (re)connect, sent before anything queued. */
        default List<Message> afterHandshake(ConnectionAck ack) {
            return List.of();
        }

        /** A frame that answers no call: an event, a command, a notice. */
        void onFrame(Message message);
    }

    private record Outbound(Message message, boolean correlated) {
    }

    private final SocketSettings settings;
    private final Role role;
    private final ClientThreads threads;
    private final OkHttpResources http;
    private final PendingCalls pending;
    private final String idPrefix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
    private final AtomicLong ids = new AtomicLong();
    private final Throttle throttle;
    private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    private final CompletableFuture<ConnectionAck> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    // guarded by this
    private ConnectionState state = ConnectionState.IDLE;
    private int generation;
    private WebSocket socket;
    private CompletableFuture<Void> socketClosed;
    private boolean everOpen;
    private boolean closing;
    private int attempt;
    private ConnectionAck ack;
    private ScheduledFuture<?> reconnectTask;
    private ScheduledFuture<?> heartbeatTask;
    private ScheduledFuture<?> drainTask;
    private String closeNotice;
    private volatile boolean terminalNotified;

    public FrameSocket(SocketSettings settings, Role role) {
        this.settings = settings;
        this.role = role;
        this.threads = new ClientThreads(ClientThreads.nameFor(settings.role()));
        this.pending = new PendingCalls(threads);
        this.throttle = new Throttle(settings.messagesPerSecond());
        java.util.function.UnaryOperator<okhttp3.OkHttpClient.Builder> tune = b -> b
                .pingInterval(settings.pingInterval())
                .webSocketCloseTimeout(settings.closeTimeout())
                .connectTimeout(settings.requestTimeout())
                .readTimeout(settings.requestTimeout());
        this.http = settings.okHttpClient() != null
                ? OkHttpResources.shared(settings.okHttpClient(), tune)
                : OkHttpResources.owned(threads.name(), tune);
    }

    public ClientThreads threads() {
        return threads;
    }

    public PendingCalls pending() {
        return pending;
    }

    public SocketSettings settings() {
        return settings;
    }

    /** A new envelope id, unique for this client: replies are matched by it. */
    public String nextId() {
        return idPrefix + "-" + ids.incrementAndGet();
    }

    public long now() {
        return settings.clock().millis();
    }

    public synchronized ConnectionState state() {
        return state;
    }

    public synchronized Optional<ConnectionAck> ack() {
        return Optional.ofNullable(ack);
    }

    /** Completes when {@link #close} has released everything, or when the client gave up reconnecting. */
    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    /** Starts connecting (once); completes with the first connection-ack. */
    public CompletableFuture<ConnectionAck> connect() {
        synchronized (this) {
            if (state == ConnectionState.IDLE) {
                state = ConnectionState.CONNECTING;
                openLocked();
            }
        }
        notifyState(ConnectionState.CONNECTING, null, false);
        return connected.copy();
    }

    private void openLocked() {
        int gen = ++generation;
        Request.Builder request = new Request.Builder().url(settings.url());
        Map<String, String> headers = settings.headers().get();
        headers.forEach(request::header);
        if (!settings.subprotocols().isEmpty()) {
            request.header("Sec-WebSocket-Protocol", String.join(", ", settings.subprotocols()));
        }
        socketClosed = new CompletableFuture<>();
        socket = http.client().newWebSocket(request.build(), new Listener(gen, socketClosed));
    }

    // ---- outbound -------------------------------------------------------------------------------------------

    /**
     * Queues a frame; it goes out in order, within the throttle, with a fresh timestamp. Frames queued while
     * disconnected are sent after the next handshake.
     *
     * @throws RelayException {@code queue-full} when the bounded queue is full, {@code closed} after close
     */
    public void send(Message message) {
        enqueue(new Outbound(message, false), false);
    }

    private void enqueue(Outbound outbound, boolean first) {
        synchronized (this) {
            if (closing || state == ConnectionState.CLOSED) {
                throw new RelayException(RelayException.CLOSED, "the client is closed; " + outbound.message().type()
                        + " was not sent", outbound.message().id());
            }
            if (queue.size() >= settings.maxQueuedMessages()) {
                throw new RelayException(RelayException.QUEUE_FULL, "the outbound queue is full ("
                        + settings.maxQueuedMessages() + " frames waiting at " + settings.messagesPerSecond()
                        + " msg/s, state " + state + "); " + outbound.message().type() + " was not sent",
                        outbound.message().id());
            }
            if (first) {
                queue.addFirst(outbound);
            } else {
                queue.addLast(outbound);
            }
            drainLocked();
        }
    }

    /**
     * Sends a request and waits for the frame that answers it (same envelope id, or an ack/error naming it).
     * Fails fast with {@code not-connected} unless the connection is open; never throws.
     *
     * @param interim replies that report progress rather than the outcome (the call keeps waiting)
     */
    public CompletableFuture<Message> call(Message request, Duration timeout, Predicate<Message> interim) {
        return call(request, timeout, interim, false);
    }

    public CompletableFuture<Message> call(Message request, Duration timeout, Predicate<Message> interim, boolean urgent) {
        synchronized (this) {
            if (closing || state == ConnectionState.CLOSED) {
                return CompletableFuture.failedFuture(new RelayException(RelayException.CLOSED,
                        "the client is closed; " + request.type() + " was not sent", request.id()));
            }
            if (state != ConnectionState.OPEN) {
                return CompletableFuture.failedFuture(new RelayException(RelayException.NOT_CONNECTED,
                        "not connected (" + state + "); " + request.type() + " was not sent", request.id()));
            }
        }
        CompletableFuture<Message> reply = pending.register(request.id(),
                timeout == null ? settings.requestTimeout() : timeout, request.type() + " " + request.id(), interim);
        try {
            enqueue(new Outbound(request, true), urgent);
        } catch (RelayException e) {
            pending.fail(request.id(), e);
        }
        return reply;
    }

    private void drainLocked() {
        if (state != ConnectionState.OPEN || socket == null) {
            return;
        }
        while (!queue.isEmpty()) {
            long nanos = System.nanoTime();
            if (!throttle.tryAcquire(nanos)) {
                if (drainTask == null || drainTask.isDone()) {
                    drainTask = threads.schedule(this::drain, Math.max(1, throttle.nanosUntilPermit(nanos)),
                            TimeUnit.NANOSECONDS);
                }
                return;
            }
            Outbound next = queue.pollFirst();
            Message m = next.message();
            // Stamped at send time: a frame that waited (throttle, reconnect) must not look stale to the relay.
            Message stamped = new Message(m.id(), now(), m.data(), m.metadata());
            if (!socket.send(settings.codec().encode(stamped))) {
                queue.addFirst(next); // the socket is failing; the drop handler decides what happens next
                return;
            }
        }
    }

    private synchronized void drain() {
        drainLocked();
    }

    // ---- inbound --------------------------------------------------------------------------------------------

    private void dispatch(Message message) {
        if (terminalNotified) {
            return;
        }
        for (ConnectionListener listener : settings.listeners()) {
            safely(() -> listener.onFrame(message));
        }
        if (pending.offer(message)) {
            return;
        }
        if (message.data() instanceof Heartbeat) {
            return; // the relay's answer to a heartbeat nobody waits for any more
        }
        if (message.data() instanceof ErrorFrame error) {
            for (ConnectionListener listener : settings.listeners()) {
                safely(() -> listener.onError(error, message));
            }
            return;
        }
        if (message.data() instanceof ConnectionClose close) {
            synchronized (this) {
                closeNotice = close.reason() + (close.message() == null ? "" : ": " + close.message());
            }
        }
        safely(() -> role.onFrame(message));
    }

    private static void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            System.getLogger(FrameSocket.class.getName()).log(System.Logger.Level.WARNING, "a listener failed", e);
        }
    }

    private void notifyState(ConnectionState newState, Throwable cause, boolean terminal) {
        threads.callback(() -> {
            if (terminalNotified) {
                return;
            }
            if (terminal) {
                terminalNotified = true;
            }
            for (ConnectionListener listener : settings.listeners()) {
                safely(() -> listener.onStateChanged(newState, cause));
            }
        });
    }

    // ---- handshake and drops --------------------------------------------------------------------------------

    private void onOpen(int gen, WebSocket ws) {
        String id = nextId();
        Message init = role.connectionInit(id, now());
        CompletableFuture<Message> reply = pending.register(id, settings.requestTimeout(), "connection-init " + id, null);
        synchronized (this) {
            if (gen != generation || closing) {
                pending.fail(id, new RelayException(RelayException.CLOSED, "superseded", id));
                return;
            }
            throttle.acquireAnyway(System.nanoTime());
            ws.send(settings.codec().encode(init));
        }
        reply.whenComplete((message, error) -> {
            if (error != null) {
                // The relay refusing our credentials in connection-init would refuse them again: give up.
                boolean refused = error instanceof RelayException r && "unauthorized".equals(r.code());
                dropped(gen, new RelayException(refused ? "handshake-refused" : RelayException.DISCONNECTED,
                        "handshake failed: " + error.getMessage(), id, !refused, error), refused);
                ws.cancel();
            } else {
                handshakeDone(gen, ws, message);
            }
        });
    }

    private void handshakeDone(int gen, WebSocket ws, Message message) {
        ConnectionAck received = message.dataAs(ConnectionAck.class);
        if (received == null) {
            dropped(gen, new RelayException(RelayException.BAD_RESPONSE,
                    "expected connection-ack but was " + message.type(), message.id()), true);
            ws.cancel();
            return;
        }
        List<Message> restore = role.afterHandshake(received);
        synchronized (this) {
            if (gen != generation || closing) {
                return;
            }
            ack = received;
            attempt = 0;
            everOpen = true;
            for (int i = restore.size() - 1; i >= 0; i--) {
                queue.addFirst(new Outbound(restore.get(i), false));
            }
            state = ConnectionState.OPEN;
            startHeartbeatLocked(received);
            drainLocked();
        }
        notifyState(ConnectionState.OPEN, null, false);
        connected.complete(received);
    }

    private void startHeartbeatLocked(ConnectionAck received) {
        if (!settings.heartbeats()) {
            return;
        }
        long interval = settings.heartbeatInterval() != null ? settings.heartbeatInterval().toMillis()
                : received.heartbeatInterval();
        if (interval > 0) {
            heartbeatTask = threads.repeat(this::heartbeat, interval);
        }
    }

    /** Sends a heartbeat ahead of queued frames; completes with the relay's answer. */
    public CompletableFuture<Heartbeat> heartbeat() {
        Message beat = Message.of(nextId(), now(), Heartbeat.alive());
        return call(beat, settings.requestTimeout(), null, true).thenApply(m -> {
            Heartbeat answer = m.dataAs(Heartbeat.class);
            if (answer == null) {
                throw new RelayException(RelayException.BAD_RESPONSE, "expected heartbeat but was " + m.type(), m.id());
            }
            return answer;
        });
    }

    private void dropped(int gen, Throwable cause, boolean fatal) {
        ConnectionState next;
        RelayException failure;
        synchronized (this) {
            if (gen != generation || closing || state == ConnectionState.CLOSED) {
                return;
            }
            generation++; // late callbacks of that socket are ignored from now on
            socket = null;
            ack = null;
            cancel(heartbeatTask);
            cancel(drainTask);
            queue.removeIf(Outbound::correlated); // their calls fail below; resending would answer nobody
            String why = closeNotice != null ? " (" + closeNotice + ")" : "";
            closeNotice = null;
            failure = cause instanceof RelayException r ? r
                    : new RelayException(RelayException.DISCONNECTED, "connection lost: " + describe(cause) + why,
                    null, !fatal, cause);
            if (fatal || attempt >= settings.backoff().maxAttempts()) {
                next = ConnectionState.CLOSED;
            } else {
                next = everOpen ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING;
                Duration delay = settings.backoff().delay(attempt++, ThreadLocalRandom.current().nextDouble());
                reconnectTask = threads.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
            state = next;
        }
        pending.failAll(new RelayException(RelayException.DISCONNECTED, failure.getMessage(), null, true, cause));
        notifyState(next, failure, next == ConnectionState.CLOSED);
        if (next == ConnectionState.CLOSED) {
            connected.completeExceptionally(failure);
            closed.complete(null);
        }
    }

    private synchronized void reconnect() {
        if (!closing && state != ConnectionState.CLOSED && socket == null) {
            openLocked();
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "closed";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    // ---- close ----------------------------------------------------------------------------------------------

    /**
     * Says goodbye ({@code connection-close}, then a close frame with {@code code}), waits briefly for the relay's
     * close, fails every waiting call with {@code closed}, and stops every thread this client started.
     */
    public void close(int code, String reason) {
        WebSocket ws;
        CompletableFuture<Void> wsClosed;
        ConnectionState previous;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            previous = state;
            state = ConnectionState.CLOSED;
            cancel(reconnectTask);
            cancel(heartbeatTask);
            cancel(drainTask);
            ws = socket;
            wsClosed = socketClosed;
            if (ws != null && previous == ConnectionState.OPEN) {
                // Flush what the throttle allows right now; the rest is dropped with the close.
                for (Outbound outbound : queue) {
                    if (!throttle.tryAcquire(System.nanoTime())) {
                        break;
                    }
                    Message m = outbound.message();
                    ws.send(settings.codec().encode(new Message(m.id(), now(), m.data(), m.metadata())));
                }
                ws.send(settings.codec().encode(Message.of(nextId(), now(),
                        new ConnectionClose("client-disconnect", code, reason))));
            }
            queue.clear();
        }
        if (ws != null) {
            ws.close(code, reason);
            try {
                wsClosed.get(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                ws.cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ws.cancel();
            }
        }
        RelayException closedError = new RelayException(RelayException.CLOSED, "the client was closed", null);
        pending.failAll(closedError);
        connected.completeExceptionally(closedError);
        if (previous != ConnectionState.CLOSED) {
            notifyState(ConnectionState.CLOSED, null, true);
        }
        threads.shutdown(settings.closeTimeout().toMillis() + 3000);
        http.close();
        closed.complete(null);
    }

    private final class Listener extends WebSocketListener {
        private final int gen;
        private final CompletableFuture<Void> socketClosed;

        Listener(int gen, CompletableFuture<Void> socketClosed) {
            this.gen = gen;
            this.socketClosed = socketClosed;
        }

        private boolean current() {
            synchronized (FrameSocket.this) {
                return gen == generation;
            }
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            threads.callback(() -> FrameSocket.this.onOpen(gen, webSocket));
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            if (!current()) {
                return;
            }
            try {
                Message message = settings.codec().decode(text);
                threads.callback(() -> dispatch(message));
            } catch (FrameException e) {
                threads.callback(() -> {
                    for (ConnectionListener listener : settings.listeners()) {
                        safely(() -> listener.onUndecodable(text, e));
                    }
                });
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null); // OkHttp does not answer a close frame by itself
            String why = "the relay closed the connection (" + code
                    + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")";
            // 1008: a policy refusal (bad credentials) would only be repeated; give up like a refused upgrade.
            boolean refused = code == 1008;
            dropped(gen, new RelayException(refused ? "handshake-refused" : RelayException.DISCONNECTED, why, null,
                    !refused, null), refused);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            socketClosed.complete(null);
            dropped(gen, new RelayException(RelayException.DISCONNECTED, "closed (" + code + ")", null), false);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            socketClosed.complete(null);
            boolean fatal = false;
            Throwable cause = t;
            if (response != null) {
                int status = response.code();
                // A refused handshake (bad token, unknown path, wrong subprotocol) will be refused again.
                fatal = status >= 400 && status < 500 && status != 408 && status != 429;
                cause = new RelayException(fatal ? "handshake-refused" : RelayException.DISCONNECTED,
                        "the relay refused the WebSocket upgrade: HTTP " + status + " " + response.message(),
                        null, !fatal, t);
                response.close();
            }
            dropped(gen, cause, fatal);
        }
    }
}
