package dev.tabrelay.client.http;

import com.squareup.moshi.Json;

/** OpenAI token counts (Chat Relay reports -1 when unknown). */
public record Usage(@Json(name = "prompt_tokens") Integer promptTokens,
                    @Json(name = "completion_tokens") Integer completionTokens,
                    @Json(name = "total_tokens") Integer totalTokens) {
}
