package dev.tabrelay.client;

import dev.tabrelay.client.http.ChatCompletion;
import dev.tabrelay.client.http.ChatCompletionChunk;
import dev.tabrelay.client.http.ChatCompletionRequest;
import dev.tabrelay.client.http.HistoryEntry;
import dev.tabrelay.client.http.Model;
import dev.tabrelay.client.http.ServerInfo;
import dev.tabrelay.client.http.SettingsUpdate;
import dev.tabrelay.protocol.chat.ChatMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat and admin HTTP calls, against {@link ChatApiStandIn} until the relay's chat API lands. */
@Timeout(60)
class HttpChatApiTest {

    static ChatApiStandIn api;
    static RelayHttpClient http;

    @BeforeAll
    static void start() {
        api = new ChatApiStandIn();
        http = RelayHttpClient.builder().serverUrl(api.url()).bearerToken("sk-test").build();
    }

    @AfterAll
    static void stop() {
        http.close();
        api.close();
    }

    @Test
    void chatCompletionSendsOpenAiJsonAndReadsTheAnswer() throws Exception {
        ChatCompletion completion = http.chatCompletion(ChatCompletionRequest.of("gpt-x",
                ChatMessage.of("system", "be brief"), ChatMessage.of("user", "hello")).withTemperature(0.2).withMaxTokens(50));
        assertEquals("final answer for hello", completion.content());
        assertEquals("stop", completion.choices().get(0).finishReason());
        assertEquals(-1, completion.usage().totalTokens());
        String body = api.bodies.take();
        assertTrue(body.contains("\"max_tokens\":50") && body.contains("\"stream\":false")
                && body.contains("\"role\":\"system\""), body);
        assertEquals("Bearer sk-test", api.authorizations.take());
        assertEquals("final answer for hello",
                http.chatCompletionAsync(ChatCompletionRequest.user("gpt-x", "hello")).join().content());
    }

    @Test
    void streamedCompletionIteratesSseDeltas() {
        List<String> deltas = new ArrayList<>();
        String finish = null;
        try (ChatStream stream = http.streamChatCompletion(ChatCompletionRequest.user("gpt-x", "hello"))) {
            for (ChatCompletionChunk chunk : stream) {
                deltas.add(chunk.content());
                finish = chunk.finishReason() != null ? chunk.finishReason() : finish;
            }
        }
        assertEquals(List.of("Hel", "lo!", ""), deltas);
        assertEquals("stop", finish);

        List<String> heard = new ArrayList<>();
        String whole = http.streamChatCompletion(ChatCompletionRequest.user("gpt-x", "hello"), new ChatStreamListener() {
            @Override
            public void onChunk(ChatCompletionChunk chunk) {
                heard.add(chunk.content());
            }
        }).join();
        assertEquals("Hello!", whole);
        assertEquals(List.of("Hel", "lo!", ""), heard);
    }

    @Test
    void errorsInsideTheStreamAndHttpErrorsAreTyped() {
        RelayHttpException busy = assertThrows(RelayHttpException.class,
                () -> http.chatCompletion(ChatCompletionRequest.user("gpt-x", "busy")));
        assertEquals(429, busy.status());
        assertEquals("extension_busy_request_dropped", busy.code());
        assertTrue(busy.retryable());

        try (ChatStream stream = http.streamChatCompletion(ChatCompletionRequest.user("gpt-x", "boom"))) {
            assertEquals("Hel", stream.next().content());
            RelayHttpException broken = assertThrows(RelayHttpException.class, stream::next);
            assertEquals("peer-disconnected", broken.code());
        }
        CompletionException async = assertThrows(CompletionException.class, () -> http.streamChatCompletion(
                ChatCompletionRequest.user("gpt-x", "boom"), chunk -> { }).join());
        assertInstanceOf(RelayHttpException.class, async.getCause());
    }

    @Test
    void modelsAndAdminEndpoints() {
        assertEquals(List.of("gemini-pro", "claude-3"), http.models().stream().map(Model::id).toList());
        assertEquals("relay", http.models().get(0).ownedBy());

        ServerInfo info = http.serverInfo();
        assertEquals("queue", info.newRequestBehavior());
        assertEquals(4000L, info.requestTimeoutMs());

        assertTrue(http.updateSettings(SettingsUpdate.none().withRequestTimeoutMs(60000)).contains("60000ms"));
        RelayHttpException bad = assertThrows(RelayHttpException.class,
                () -> http.updateSettings(SettingsUpdate.none().withNewRequestBehavior("sometimes")));
        assertEquals(400, bad.status());
        assertTrue(bad.getMessage().contains("Must be 'queue' or 'drop'"), bad.getMessage());

        List<HistoryEntry> history = http.messageHistory();
        assertEquals("CHAT_RESPONSE_SENT", history.get(0).type());
        assertEquals("2", history.get(1).requestId());
        assertTrue(http.restartServer().contains("nodemon"));
    }

    @Test
    void noServerMeansStatusZero() {
        try (RelayHttpClient nowhere = RelayHttpClient.builder().serverUrl("http://127.0.0.1:9").build()) {
            RelayHttpException e = assertThrows(RelayHttpException.class, nowhere::health);
            assertEquals(0, e.status());
            assertEquals("no-response", e.code());
        }
    }
}
