package dev.tabrelay.protocol.chat;


/** Token counts, when the tab knows them. */
public record ChatUsage(Integer promptTokens, Integer completionTokens, Integer totalTokens) {
}
