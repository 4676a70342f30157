package dev.tabrelay.client;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.chat.ChatMessage;
import dev.tabrelay.protocol.chat.ChatSettings;

import java.util.List;

/**
 * One chat turn the relay asks a tab to answer: the whole conversation, the OpenAI settings, and the frame.
 *
 * @param settings never null (empty settings when the relay sent none)
 */
public record ChatRequest(String requestId, List<ChatMessage> messages, ChatSettings settings, Message frame) {

    /** The text of the last message (what a web chat UI would be given), or "" when it is not plain text. */
    public String prompt() {
        if (messages.isEmpty()) {
            return "";
        }
        return messages.get(messages.size() - 1).content() instanceof String text ? text : "";
    }

    /** The requested model, or null. */
    public String model() {
        return settings.model();
    }

    /** Whether the HTTP caller asked for a streamed answer (a hint: chunks are always allowed). */
    public boolean wantsStream() {
        return Boolean.TRUE.equals(settings.stream());
    }
}
