package dev.tabrelay.client;

/**
 * Answers a chat turn ({@code SEND_CHAT_MESSAGE}) through {@code reply}: at once or later, whole or streamed, from
 * any thread. An exception thrown before the reply is finished becomes {@code CHAT_RESPONSE_ERROR}.
 */
@FunctionalInterface
public interface ChatHandler {
    void onChat(ChatRequest request, ChatReply reply) throws Exception;
}
