package dev.tabrelay.protocol.chat;

import com.squareup.moshi.Json;
import dev.tabrelay.protocol.Description;

@Description("The OpenAI request settings forwarded to the tab.")
public record ChatSettings(
        String model,
        Double temperature,
        @Json(name = "max_tokens") Integer maxTokens,
        Boolean stream) {
}
