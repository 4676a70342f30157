package dev.tabrelay.server.chat;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The live chat settings. Each request reads them once when it needs them (admission, dispatch), so a change
 * applies to the next decision and never half-way through one. Thread-safe.
 */
public final class ChatPolicyHolder {

    private final AtomicReference<ChatPolicy> current;

    public ChatPolicyHolder(ChatPolicy initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public ChatPolicy get() {
        return current.get();
    }

    public void set(ChatPolicy value) {
        current.set(Objects.requireNonNull(value, "value"));
    }

    /** Applies a change atomically and returns the new settings. */
    public ChatPolicy update(UnaryOperator<ChatPolicy> change) {
        return current.updateAndGet(change);
    }
}
