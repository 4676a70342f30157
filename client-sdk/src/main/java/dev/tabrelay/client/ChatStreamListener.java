package dev.tabrelay.client;

import dev.tabrelay.client.http.ChatCompletionChunk;

/** Receives a streamed chat completion, chunk by chunk, in order; exactly one of complete or error ends it. */
public interface ChatStreamListener {

    void onChunk(ChatCompletionChunk chunk);

    /** The stream ended with {@code data: [DONE]}; {@code content} is every delta joined. */
    default void onComplete(String content) {
    }

    default void onError(RelayException error) {
    }
}
