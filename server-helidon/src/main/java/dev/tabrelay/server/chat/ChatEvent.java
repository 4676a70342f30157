package dev.tabrelay.server.chat;

import dev.tabrelay.protocol.chat.ChatUsage;

/** What the HTTP side of a request reads, in order: deltas, then exactly one terminal event. */
sealed interface ChatEvent {

    record Delta(String text) implements ChatEvent {
    }

    /** The answer is complete; {@code content} is the whole answer (for non-streamed responses). */
    record Completed(String content, String finishReason, ChatUsage usage, String model) implements ChatEvent {
    }

    record Failed(ChatError error) implements ChatEvent {
    }
}
