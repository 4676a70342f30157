package dev.tabrelay.client.examples;

import dev.tabrelay.client.ChatStream;
import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.http.ChatCompletionChunk;
import dev.tabrelay.client.http.ChatCompletionRequest;

/** README example: OpenAI-compatible chat completions, whole and streamed. */
public final class ChatExample {

    private ChatExample() {
    }

    public record Result(String answer, String streamed) {
    }

    public static Result run(String relayUrl) {
        // [snippet]
        try (RelayHttpClient http = RelayHttpClient.builder().serverUrl(relayUrl).build()) {
            ChatCompletionRequest request = ChatCompletionRequest.user("gpt-x", "hello");
            String answer = http.chatCompletion(request).content();

            StringBuilder streamed = new StringBuilder();
            try (ChatStream stream = http.streamChatCompletion(request)) {   // SSE: data: {...} ... data: [DONE]
                for (ChatCompletionChunk chunk : stream) {
                    streamed.append(chunk.content());
                }
            }
            return new Result(answer, streamed.toString());
        }
        // [/snippet]
    }
}
