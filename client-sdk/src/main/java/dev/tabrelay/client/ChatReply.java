package dev.tabrelay.client;

import dev.tabrelay.protocol.chat.ChatResponse;
import dev.tabrelay.protocol.chat.ChatResponseChunk;
import dev.tabrelay.protocol.chat.ChatResponseError;
import dev.tabrelay.protocol.chat.ChatPayload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The answer to one chat turn, correlated by request id. Either {@link #complete} once, or {@link #chunk} any
 * number of times and then {@link #finish}; or {@link #fail}. Exactly one outcome: after it, further answers
 * throw {@link IllegalStateException}. After the relay cancels ({@code CANCEL_CHAT}) or the connection drops,
 * answers are dropped quietly and return false. Thread-safe.
 */
public final class ChatReply {

    private final String requestId;
    private final String model;
    private final Consumer<ChatPayload> sender;
    private final List<Runnable> cancelHooks = new ArrayList<>();
    private boolean done;
    private boolean chunked;
    private String cancelReason;

    ChatReply(String requestId, String model, Consumer<ChatPayload> sender) {
        this.requestId = requestId;
        this.model = model;
        this.sender = sender;
    }

    public String requestId() {
        return requestId;
    }

    /** Sends the whole answer as {@code CHAT_RESPONSE}. */
    public boolean complete(String content) {
        return answer(new ChatResponse(requestId, content, model, "stop", null), true, false);
    }

    /** Sends the next piece of a streamed answer ({@code CHAT_RESPONSE_CHUNK}, not final). */
    public boolean chunk(String delta) {
        return answer(new ChatResponseChunk(requestId, delta, false, null), false, true);
    }

    /** Ends a streamed answer with an empty final chunk and finish reason {@code stop}. */
    public boolean finish() {
        return finish("stop");
    }

    public boolean finish(String finishReason) {
        return answer(new ChatResponseChunk(requestId, "", true, finishReason), true, true);
    }

    /** Ends the turn with {@code CHAT_RESPONSE_ERROR}. */
    public boolean fail(String error) {
        return fail(error, null);
    }

    public boolean fail(String error, String code) {
        return answer(new ChatResponseError(requestId, error == null ? "the extension failed" : error, code), true, false);
    }

    private boolean answer(ChatPayload payload, boolean last, boolean streaming) {
        synchronized (this) {
            if (done) {
                throw new IllegalStateException("chat " + requestId + " was already answered");
            }
            if (!streaming && chunked && !(payload instanceof ChatResponseError)) {
                throw new IllegalStateException("chat " + requestId + " is streaming: end it with finish()");
            }
            if (cancelReason != null) {
                done = last;
                return false;
            }
            done = last;
            chunked |= streaming;
        }
        try {
            sender.accept(payload);
            return true;
        } catch (RelayException e) {
            return false; // closed or queue full: the relay will time the turn out
        }
    }

    public synchronized boolean isDone() {
        return done;
    }

    /** True once the relay cancelled the turn or the connection dropped; stop working on it. */
    public synchronized boolean isCancelled() {
        return cancelReason != null;
    }

    /** Why the turn was cancelled ({@code timeout}, {@code client-disconnected}, {@code disconnected}...), or null. */
    public synchronized String cancelReason() {
        return cancelReason;
    }

    /** Runs {@code hook} when the turn is cancelled (at once if it already was). */
    public void onCancel(Runnable hook) {
        synchronized (this) {
            if (cancelReason == null) {
                cancelHooks.add(hook);
                return;
            }
        }
        hook.run();
    }

    void cancel(String reason) {
        List<Runnable> hooks;
        synchronized (this) {
            if (cancelReason != null || done) {
                return;
            }
            cancelReason = reason == null ? "cancelled" : reason;
            hooks = List.copyOf(cancelHooks);
            cancelHooks.clear();
        }
        hooks.forEach(Runnable::run);
    }
}
