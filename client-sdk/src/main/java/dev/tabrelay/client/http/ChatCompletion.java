package dev.tabrelay.client.http;

import com.squareup.moshi.Json;
import dev.tabrelay.protocol.chat.ChatMessage;

import java.util.List;

/** An OpenAI {@code chat.completion}. */
public record ChatCompletion(String id, String object, Long created, String model, List<Choice> choices, Usage usage) {

    /** One answer. */
    public record Choice(Integer index, ChatMessage message, @Json(name = "finish_reason") String finishReason) {
    }

    /** The assistant's text of the first choice ("" when there is none). */
    public String content() {
        if (choices == null || choices.isEmpty() || choices.get(0).message() == null) {
            return "";
        }
        return choices.get(0).message().content() instanceof String text ? text : "";
    }
}
