package dev.tabrelay.client.http;

import com.squareup.moshi.Json;
import dev.tabrelay.protocol.chat.ChatMessage;

import java.util.List;

/** An OpenAI chat completion request; null fields are left out. */
public record ChatCompletionRequest(String model, List<ChatMessage> messages, Double temperature,
                                    @Json(name = "max_tokens") Integer maxTokens, Boolean stream) {

    public ChatCompletionRequest {
        messages = List.copyOf(messages);
    }

    public static ChatCompletionRequest of(String model, ChatMessage... messages) {
        return new ChatCompletionRequest(model, List.of(messages), null, null, null);
    }

    /** One user message. */
    public static ChatCompletionRequest user(String model, String prompt) {
        return of(model, ChatMessage.of("user", prompt));
    }

    public ChatCompletionRequest withTemperature(double value) {
        return new ChatCompletionRequest(model, messages, value, maxTokens, stream);
    }

    public ChatCompletionRequest withMaxTokens(int value) {
        return new ChatCompletionRequest(model, messages, temperature, value, stream);
    }

    public ChatCompletionRequest withStream(boolean value) {
        return new ChatCompletionRequest(model, messages, temperature, maxTokens, value);
    }
}
