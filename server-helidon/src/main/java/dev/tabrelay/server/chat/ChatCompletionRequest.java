package dev.tabrelay.server.chat;

import dev.tabrelay.protocol.chat.ChatMessage;
import dev.tabrelay.protocol.chat.ChatSettings;

import java.util.List;

/**
 * A validated {@code POST /v1/chat/completions} body: what the relay forwards to a tab.
 *
 * @param model        the requested model, or null (any chat tab)
 * @param outputFormat Browcall's {@code outputFormat} (plain, json, markdown), accepted on the Browcall API port only
 * @param includeUsage {@code stream_options.include_usage}: a stream ends with a chunk carrying {@code usage}
 */
public record ChatCompletionRequest(String model, List<ChatMessage> messages, Double temperature, Integer maxTokens,
                                    boolean stream, String outputFormat, boolean includeUsage) {

    public ChatCompletionRequest {
        messages = List.copyOf(messages);
    }

    public ChatSettings settings() {
        return new ChatSettings(model, temperature, maxTokens, stream);
    }
}
