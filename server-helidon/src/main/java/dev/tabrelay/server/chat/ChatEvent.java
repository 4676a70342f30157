package dev.tabrelay.server.chat;

import dev.tabrelay.protocol.chat.ChatUsage;

/**
 * What the HTTP side of a request reads, in order: deltas, then exactly one terminal event; and, at any point,
 * the ticks of the timers its handler set ({@link ChatCall#tick()}).
 */
sealed interface ChatEvent {

    /** A timer the request's handler set went off: time to watch the client, or to check a silent stream. */
    record Tick() implements ChatEvent {
    }

    record Delta(String text) implements ChatEvent {
    }

    /** The answer is complete; {@code content} is the whole answer (for non-streamed responses). */
    record Completed(String content, String finishReason, ChatUsage usage, String model) implements ChatEvent {
    }

    record Failed(ChatError error) implements ChatEvent {
    }
}
