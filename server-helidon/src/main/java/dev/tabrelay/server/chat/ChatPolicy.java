package dev.tabrelay.server.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * The chat settings an operator may change while the server runs (the admin API plugs into
 * {@link ChatPolicyHolder}).
 *
 * @param requestTimeout     how long a tab may take for a whole answer, counted from dispatch to the tab
 * @param newRequestBehavior queue or drop when every suitable tab is busy
 * @param maxQueueLength     most requests waiting at once; one more gets 429
 */
public record ChatPolicy(Duration requestTimeout, NewRequestBehavior newRequestBehavior, int maxQueueLength) {

    public ChatPolicy {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(newRequestBehavior, "newRequestBehavior");
        if (requestTimeout.toMillis() <= 0) {
            throw new IllegalArgumentException("the chat request timeout must be positive");
        }
        if (maxQueueLength < 0) {
            throw new IllegalArgumentException("max-queue-length must not be negative");
        }
    }

    public ChatPolicy withRequestTimeout(Duration value) {
        return new ChatPolicy(value, newRequestBehavior, maxQueueLength);
    }

    public ChatPolicy withNewRequestBehavior(NewRequestBehavior value) {
        return new ChatPolicy(requestTimeout, value, maxQueueLength);
    }

    public ChatPolicy withMaxQueueLength(int value) {
        return new ChatPolicy(requestTimeout, newRequestBehavior, value);
    }
}
