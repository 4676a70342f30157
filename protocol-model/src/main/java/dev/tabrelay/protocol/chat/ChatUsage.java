package dev.tabrelay.protocol.chat;

import dev.tabrelay.protocol.Description;

/** Token counts, when the tab knows them. */
@Description("Token counts, when the tab knows them.")
public record ChatUsage(Integer promptTokens, Integer completionTokens, Integer totalTokens) {
}
