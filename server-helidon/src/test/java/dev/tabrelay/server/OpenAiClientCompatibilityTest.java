package dev.tabrelay.server;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static dev.tabrelay.server.ChatSupport.chatExtension;
import static dev.tabrelay.server.ChatSupport.chunk;
import static dev.tabrelay.server.ChatSupport.join;
import static dev.tabrelay.server.ChatSupport.requestId;
import static dev.tabrelay.server.TestRelay.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat API as the official OpenAI Java SDK sees it: every response is parsed and {@code validate()}d by
 * the SDK's own model classes, so a missing or mistyped field fails here, not in a user's program.
 */
class OpenAiClientCompatibilityTest {

    private static final String MODEL = "relay-model";
    private static final Duration KEEP_ALIVE = Duration.ofMillis(50);

    private TestRelay relay;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        // Short keep-alive: streams carry ": waiting" comment lines, which the SDK's SSE reader must skip.
        relay = new TestRelay(b -> b.chatKeepAlive(KEEP_ALIVE));
        client = OpenAIOkHttpClient.builder()
                .baseUrl(relay.base() + "/v1")
                .apiKey("unused")
                .maxRetries(0) // a 503 must surface, not be retried
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        relay.close();
    }

    private static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder().model(model)
                .addSystemMessage("be brief").addUserMessage("say hello").build();
    }

    /** The SDK blocks until the answer (or the first byte of a stream), so it runs beside the fake tab. */
    private static <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, ChatSupport.ASYNC);
    }

    @Test
    void plainCompletionParsesAndValidates() {
        WsClient ext = chatExtension(relay, "tab-1", List.of(MODEL), null);
        CompletableFuture<ChatCompletion> reply = async(() -> client.chat().completions().create(params(MODEL)));
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
        chunk(ext, id, "Hello, ", false);
        chunk(ext, id, "world", true);

        ChatCompletion completion = join(reply).validate();
        assertEquals(id, completion.id());
        assertEquals(MODEL, completion.model());
        assertTrue(completion.created() > 1_700_000_000L, "created is epoch seconds: " + completion.created());
        assertEquals(JsonValue.from("chat.completion"), completion._object_());
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertEquals(0, choice.index());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, choice.finishReason());
        assertEquals("Hello, world", choice.message().content().orElseThrow());
        assertEquals(JsonValue.from("assistant"), choice.message()._role());
        CompletionUsage usage = completion.usage().orElseThrow();
        assertTrue(usage.promptTokens() > 0 && usage.completionTokens() > 0, usage.toString());
        assertEquals(usage.promptTokens() + usage.completionTokens(), usage.totalTokens());
    }

    @Test
    void streamedCompletionDeltasConcatenateAndTheStreamEnds() {
        WsClient ext = chatExtension(relay, "tab-1", List.of(MODEL), null);
        CompletableFuture<List<ChatCompletionChunk>> chunks = async(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params(MODEL))) {
                return new ArrayList<>(stream.stream().map(ChatCompletionChunk::validate).toList());
            }
        });
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
        chunk(ext, id, "One", false);
        chunk(ext, id, ", two", false);
        chunk(ext, id, ", three.", true);

        List<ChatCompletionChunk> received = join(chunks);
        StringBuilder text = new StringBuilder();
        for (ChatCompletionChunk c : received) {
            assertEquals(id, c.id());
            assertEquals(MODEL, c.model());
            assertEquals(JsonValue.from("chat.completion.chunk"), c._object_());
            c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
        }
        assertEquals("One, two, three.", text.toString());
        assertEquals(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT,
                received.get(0).choices().get(0).delta().role().orElseThrow());
        ChatCompletionChunk last = received.get(received.size() - 1);
        assertEquals(ChatCompletionChunk.Choice.FinishReason.STOP, last.choices().get(0).finishReason().orElseThrow());
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamWithIncludeUsageEndsWithAUsageChunkAfterKeepAliveComments() {
        WsClient ext = chatExtension(relay, "tab-1", List.of(MODEL), null);
        ChatCompletionCreateParams params = params(MODEL).toBuilder()
                .maxCompletionTokens(64)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        CompletableFuture<List<ChatCompletionChunk>> chunks = async(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                return new ArrayList<>(stream.stream().map(ChatCompletionChunk::validate).toList());
            }
        });
        Map<String, Object> send = ext.awaitType("SEND_CHAT_MESSAGE");
        Map<String, Object> settings = (Map<String, Object>) TestRelay.data(send).get("settings");
        assertEquals(64.0, settings.get("max_tokens"), "max_completion_tokens is forwarded as max_tokens");
        awaitKeepAlives(3); // the answer comes only after several keep-alive comments went out on this stream
        String id = requestId(send);
        chunk(ext, id, "abc", false);
        chunk(ext, id, "def", true);

        List<ChatCompletionChunk> received = join(chunks);
        ChatCompletionChunk last = received.get(received.size() - 1);
        assertTrue(last.choices().isEmpty(), last.toString());
        CompletionUsage usage = last.usage().orElseThrow();
        assertTrue(usage.completionTokens() > 0, usage.toString());
        assertEquals(usage.promptTokens() + usage.completionTokens(), usage.totalTokens());
        received.subList(0, received.size() - 1).forEach(c -> assertTrue(c.usage().isEmpty(), c.toString()));
        assertEquals("abcdef", received.stream().flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse("")).reduce("", String::concat));
    }

    @Test
    void modelsListShowsTheAdvertisedModel() {
        chatExtension(relay, "tab-1", List.of(MODEL), null);
        List<Model> models = client.models().list().data();
        assertEquals(List.of(MODEL), models.stream().map(m -> m.validate().id()).toList());
        assertEquals("test", models.get(0).ownedBy());
    }

    @Test
    void noExtensionIsATyped503WithTheOpenAiErrorParsed() {
        InternalServerException e = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(params(MODEL)));
        assertEquals(503, e.statusCode());
        assertEquals("no-extension", e.code().orElseThrow());
        assertTrue(e.type().isPresent());
        assertTrue(e.getMessage().contains("extension"), e.getMessage());
    }

    @Test
    void unknownModelIsATyped404ForPlainAndStreamedRequests() {
        chatExtension(relay, "tab-1", List.of(MODEL), null);
        NotFoundException plain = assertThrows(NotFoundException.class,
                () -> client.chat().completions().create(params("no-such-model")));
        assertEquals("model_not_found", plain.code().orElseThrow());
        assertTrue(plain.getMessage().contains("no-such-model"), plain.getMessage());
        NotFoundException streamed = assertThrows(NotFoundException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream =
                         client.chat().completions().createStreaming(params("no-such-model"))) {
                stream.stream().forEach(c -> { });
            }
        });
        assertEquals(404, streamed.statusCode());
    }

    @Test
    void failureAfterTheFirstChunkIsRaisedByTheStream() {
        WsClient ext = chatExtension(relay, "tab-1", List.of(MODEL), null);
        List<String> seen = new ArrayList<>();
        CompletableFuture<Throwable> outcome = async(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params(MODEL))) {
                stream.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(seen::add)));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
        chunk(ext, id, "partial", false);
        ext.send(frame("e-" + id, "CHAT_RESPONSE_ERROR", Map.of("requestId", id, "error", "the page crashed"), null));

        Throwable thrown = join(outcome);
        SseException e = assertInstanceOf(SseException.class, thrown, String.valueOf(thrown));
        assertTrue(e.getMessage().contains("the page crashed"), e.getMessage());
        assertEquals(List.of("partial"), seen);
    }

    /** Waits (bounded) until the relay has sent {@code more} keep-alive comments beyond those sent before. */
    private void awaitKeepAlives(long more) {
        long start = keepAlivesSent();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (keepAlivesSent() < start + more) {
            if (System.nanoTime() > deadline) {
                fail("fewer than " + more + " keep-alive comments within 10 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // poll interval
        }
    }

    private long keepAlivesSent() {
        return relay.server.chatRouter().keepAlivesSent();
    }
}
