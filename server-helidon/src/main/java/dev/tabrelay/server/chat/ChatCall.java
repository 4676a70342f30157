package dev.tabrelay.server.chat;

import dev.tabrelay.protocol.chat.ChatUsage;

import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One accepted chat request and its lifecycle: QUEUED or RUNNING, then DONE exactly once. Producers (the
 * extension's reader thread, the timer, the router) never block: they append {@link ChatEvent}s, and the HTTP
 * handler thread that owns the response reads them. Once a terminal event is in, nothing more goes in, so the
 * client gets exactly one outcome however answers, timeouts, disconnects and shutdown race.
 */
public final class ChatCall {

    /**
     * Where a running call was sent. Equality written out: the router looks every candidate tab up on every
     * request, and the generated record methods (method-handle calls) were a visible part of that (JFR).
     */
    public record Target(String connectionId, String tabId) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Target that && Objects.equals(connectionId, that.connectionId)
                    && Objects.equals(tabId, that.tabId);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(connectionId) + Objects.hashCode(tabId);
        }
    }

    private static final ChatEvent TICK = new ChatEvent.Tick();

    private final String id;
    private final ChatCompletionRequest request;
    private final long receivedAtMillis;
    private final BlockingQueue<ChatEvent> events = new LinkedBlockingQueue<>();
    private final StringBuilder streamed = new StringBuilder();
    private boolean done;
    private volatile boolean cancelRequested;
    private volatile Target target;
    private volatile ChatObserver observer = ChatObserver.NONE;

    public ChatCall(String id, ChatCompletionRequest request, long receivedAtMillis) {
        this.id = id;
        this.request = request;
        this.receivedAtMillis = receivedAtMillis;
    }

    public String id() {
        return id;
    }

    public ChatCompletionRequest request() {
        return request;
    }

    /** When the relay received the request (epoch milliseconds). */
    public long receivedAtMillis() {
        return receivedAtMillis;
    }

    /** OpenAI's {@code created}: the receipt time in epoch seconds. */
    public long createdSeconds() {
        return receivedAtMillis / 1000;
    }

    public Target target() {
        return target;
    }

    void running(Target value) {
        target = value;
    }

    /** Who hears this call's terminal event (set by the router on admission). */
    void observe(ChatObserver value) {
        observer = value;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    public synchronized boolean isDone() {
        return done;
    }

    /**
     * Appends streamed text; ignored once the call is done. Only a streamed request's client sees deltas; a plain
     * one waits for {@link ChatEvent.Completed}, and an event it would skip would wake its thread for nothing.
     */
    synchronized boolean delta(String text) {
        if (done || text == null || text.isEmpty()) {
            return false;
        }
        streamed.append(text);
        if (request.stream()) {
            events.add(new ChatEvent.Delta(text));
        }
        return true;
    }

    /**
     * Ends the call with an answer. {@code full}, when given, is the whole answer: whatever it adds beyond the
     * text already streamed goes out as one last delta (a tab that answers in one piece to a streamed request).
     */
    synchronized boolean complete(String full, String finishReason, ChatUsage usage, String model) {
        if (done) {
            return false;
        }
        done = true;
        String content = full != null ? full : streamed.toString();
        if (request.stream() && full != null && full.length() > streamed.length()
                && full.startsWith(streamed.toString())) {
            events.add(new ChatEvent.Delta(full.substring(streamed.length())));
        }
        // Recorded before the client can see the outcome: whoever reads the history after the answer finds it.
        observer.completed(this, content);
        events.add(new ChatEvent.Completed(content, finishReason == null ? "stop" : finishReason, usage, model));
        return true;
    }

    synchronized boolean fail(ChatError error) {
        if (done) {
            return false;
        }
        done = true;
        observer.failed(this, error);
        events.add(new ChatEvent.Failed(error));
        return true;
    }

    /**
     * Wakes the handler with a {@link ChatEvent.Tick} (called by its timers). The handler's waits are untimed and
     * its timers run on the relay's timer thread: a timed wait of a virtual thread costs two wake-ups of the JDK's
     * delay scheduler thread (arm and cancel), about four context switches per request, more than the rest of the
     * wait (perf, chat benchmark).
     */
    void tick() {
        events.add(TICK);
    }

    /** The next event if one is waiting, else null (no wait). */
    ChatEvent poll() {
        return events.poll();
    }

    /** The next event, waiting as long as it takes: every call ends in a terminal event (timeouts included). */
    ChatEvent next() throws InterruptedException {
        return events.take();
    }

    @Override
    public String toString() {
        return "chat " + id;
    }
}
