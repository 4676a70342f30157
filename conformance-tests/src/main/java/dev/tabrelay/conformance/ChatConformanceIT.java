package dev.tabrelay.conformance;

import dev.tabrelay.client.ChatReply;
import dev.tabrelay.client.ChatRequest;
import dev.tabrelay.client.ChatStream;
import dev.tabrelay.client.ExtensionClient;
import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.RelayHttpException;
import dev.tabrelay.client.http.ChatCompletion;
import dev.tabrelay.client.http.ChatCompletionChunk;
import dev.tabrelay.client.http.ChatCompletionRequest;
import dev.tabrelay.client.http.SettingsUpdate;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAI-compatible chat relay (docs/server.md, Chat API). Each test's extension serves a model of its own, so
 * requests can only be routed to it, whatever else is connected.
 */
class ChatConformanceIT {

    /** A chat turn the extension received and has not answered yet. */
    private record Turn(ChatRequest request, ChatReply reply) {
    }

    /** An extension serving {@code model} that hands every turn to the test. */
    private static ExtensionClient holding(ServerTarget target, String model, BlockingQueue<Turn> turns) {
        return Sdk.extension(target, Sdk.unique("tab-chat")).model(model)
                .onChat((request, reply) -> turns.add(new Turn(request, reply)))
                .build();
    }

    @ConformanceTest
    void plainCompletionIsTheExtensionsAnswer(ServerTarget target) {
        String model = Sdk.unique("model-plain");
        try (ExtensionClient extension = Sdk.extension(target, Sdk.unique("tab-chat")).model(model)
                .onChat((request, reply) -> reply.complete("You said: " + request.prompt()))
                .build();
             RelayHttpClient http = Sdk.http(target)) {
            Sdk.await(extension.connect(), "the extension connection-ack");
            ChatCompletion completion = http.chatCompletion(ChatCompletionRequest.user(model, "hello"));
            assertEquals("You said: hello", completion.content());
            assertEquals("chat.completion", completion.object());
            assertEquals(model, completion.model());
            assertEquals("stop", completion.choices().get(0).finishReason());
            assertTrue(completion.id().startsWith("chatcmpl-"), completion.id());
            assertTrue(http.models().stream().anyMatch(m -> model.equals(m.id())), "GET /v1/models lists " + model);
        }
    }

    @ConformanceTest
    void streamedCompletionSendsSseDeltasThenDone(ServerTarget target, RelayClient relay) {
        String model = Sdk.unique("model-stream");
        try (ExtensionClient extension = Sdk.extension(target, Sdk.unique("tab-chat")).model(model)
                .onChat((request, reply) -> {
                    reply.chunk("one, ");
                    reply.chunk("two, ");
                    reply.chunk("three");
                    reply.finish();
                })
                .build();
             RelayHttpClient http = Sdk.http(target)) {
            Sdk.await(extension.connect(), "the extension connection-ack");

            StringBuilder text = new StringBuilder();
            List<String> finishReasons = new ArrayList<>();
            try (ChatStream stream = http.streamChatCompletion(ChatCompletionRequest.user(model, "count"))) {
                for (ChatCompletionChunk chunk : stream) {
                    text.append(chunk.content() == null ? "" : chunk.content());
                    if (chunk.finishReason() != null) {
                        finishReasons.add(chunk.finishReason());
                    }
                }
            }
            assertEquals("one, two, three", text.toString());
            assertEquals(List.of("stop"), finishReasons);

            // The wire itself: text/event-stream, data: lines of chat.completion.chunk, the last one [DONE].
            String body = Json.write(Map.of("model", model, "stream", true,
                    "messages", List.of(Map.of("role", "user", "content", "count"))));
            RelayClient.HttpReply reply = relay.call(new Request.Builder()
                    .url(target.http("/v1/chat/completions").toString())
                    .post(RequestBody.create(body, MediaType.get("application/json"))).build());
            assertEquals(200, reply.status(), reply.body());
            assertTrue(reply.contentType().startsWith("text/event-stream"), reply.contentType());
            List<String> data = reply.body().lines().filter(l -> l.startsWith("data: "))
                    .map(l -> l.substring("data: ".length())).toList();
            assertEquals("[DONE]", data.get(data.size() - 1), reply.body());
            StringBuilder deltas = new StringBuilder();
            for (String chunk : data.subList(0, data.size() - 1)) {
                Map<String, Object> json = Json.object(chunk);
                assertEquals("chat.completion.chunk", json.get("object"), chunk);
                @SuppressWarnings("unchecked")
                Map<String, Object> choice = ((List<Map<String, Object>>) json.get("choices")).get(0);
                Object content = Json.child(choice, "delta").get("content");
                deltas.append(content == null ? "" : content);
            }
            assertEquals("one, two, three", deltas.toString());
            assertTrue(data.size() >= 3, "several data: lines before [DONE]: " + reply.body());
        }
    }

    @ConformanceTest
    void secondRequestWaitsForTheFirstInTheQueue(ServerTarget target, RelayClient relay) throws Exception {
        String model = Sdk.unique("model-queue");
        BlockingQueue<Turn> turns = new LinkedBlockingQueue<>();
        try (ExtensionClient extension = holding(target, model, turns);
             RelayHttpClient http = Sdk.http(target);
             // queue is the default; set explicitly so a url target configured with drop is checked too
             AutoCloseable restore = Sdk.chatSettings(http, SettingsUpdate.none().withNewRequestBehavior("queue"))) {
            Sdk.await(extension.connect(), "the extension connection-ack");

            CompletableFuture<ChatCompletion> first = http.chatCompletionAsync(ChatCompletionRequest.user(model, "first"));
            Turn firstTurn = Sdk.take(turns, "the first request at the extension");
            assertEquals("first", firstTurn.request().prompt());

            CompletableFuture<ChatCompletion> second = http.chatCompletionAsync(ChatCompletionRequest.user(model, "second"));
            Sdk.eventually("the second request is queued (GET /health chat.queueLength >= 1)",
                    () -> ((Double) Json.child(relay.get("/health").json(), "chat").get("queueLength")) >= 1);
            assertNull(turns.poll(), "the tab runs one request at a time: the second must wait");
            assertTrue(!second.isDone(), "the second request is still waiting");

            firstTurn.reply().complete("answer one");
            assertEquals("answer one", Sdk.await(first, "the first completion").content());
            Turn secondTurn = Sdk.take(turns, "the second request at the extension, after the first finished");
            assertEquals("second", secondTurn.request().prompt());
            secondTurn.reply().complete("answer two");
            assertEquals("answer two", Sdk.await(second, "the second completion").content());
        }
    }

    @ConformanceTest
    void dropBehaviourRefusesABusyTabWith429(ServerTarget target) throws Exception {
        String model = Sdk.unique("model-drop");
        BlockingQueue<Turn> turns = new LinkedBlockingQueue<>();
        try (ExtensionClient extension = holding(target, model, turns);
             RelayHttpClient http = Sdk.http(target);
             AutoCloseable restore = Sdk.chatSettings(http, SettingsUpdate.none().withNewRequestBehavior("drop"))) {
            Sdk.await(extension.connect(), "the extension connection-ack");
            CompletableFuture<ChatCompletion> first = http.chatCompletionAsync(ChatCompletionRequest.user(model, "first"));
            Turn firstTurn = Sdk.take(turns, "the first request at the extension");

            RelayHttpException busy = assertThrows(RelayHttpException.class,
                    () -> http.chatCompletion(ChatCompletionRequest.user(model, "second")));
            assertEquals(429, busy.status(), busy.toString());
            assertEquals("tabs-busy", busy.code(), busy.toString());

            firstTurn.reply().complete("done");
            assertEquals("done", Sdk.await(first, "the first completion").content());
        }
    }

    @ConformanceTest
    void silentTabTimesOutWith504AndGetsCancelChat(ServerTarget target) throws Exception {
        String model = Sdk.unique("model-timeout");
        BlockingQueue<Turn> turns = new LinkedBlockingQueue<>();
        try (ExtensionClient extension = holding(target, model, turns);
             RelayHttpClient http = Sdk.http(target);
             AutoCloseable restore = Sdk.chatSettings(http, SettingsUpdate.none().withRequestTimeoutMs(1500))) {
            Sdk.await(extension.connect(), "the extension connection-ack");
            CompletableFuture<ChatCompletion> request = http.chatCompletionAsync(ChatCompletionRequest.user(model, "hang"));
            Turn turn = Sdk.take(turns, "the request at the extension");
            CompletableFuture<String> cancelled = new CompletableFuture<>();
            turn.reply().onCancel(() -> cancelled.complete(turn.reply().cancelReason()));

            RelayHttpException timeout = assertInstanceOf(RelayHttpException.class,
                    Sdk.awaitFailure(request, "the chat request to time out"));
            assertEquals(504, timeout.status(), timeout.toString());
            assertEquals("timeout", timeout.code(), timeout.toString());
            assertEquals("timeout", Sdk.await(cancelled, "CANCEL_CHAT at the extension"), "CANCEL_CHAT reason");
        }
    }

    @ConformanceTest
    void extensionDisconnectMidRequestIs502(ServerTarget target) {
        String model = Sdk.unique("model-gone");
        BlockingQueue<Turn> turns = new LinkedBlockingQueue<>();
        try (RelayHttpClient http = Sdk.http(target)) {
            ExtensionClient extension = holding(target, model, turns);
            try {
                Sdk.await(extension.connect(), "the extension connection-ack");
                CompletableFuture<ChatCompletion> request = http.chatCompletionAsync(ChatCompletionRequest.user(model, "bye"));
                Sdk.take(turns, "the request at the extension");
                extension.close();
                RelayHttpException gone = assertInstanceOf(RelayHttpException.class,
                        Sdk.awaitFailure(request, "the chat request to fail"));
                assertEquals(502, gone.status(), gone.toString());
                assertEquals("peer-disconnected", gone.code(), gone.toString());
            } finally {
                extension.close();
            }
        }
    }

    @ConformanceTest
    void extensionErrorIs502WithItsMessage(ServerTarget target) {
        String model = Sdk.unique("model-error");
        try (ExtensionClient extension = Sdk.extension(target, Sdk.unique("tab-chat")).model(model)
                .onChat((request, reply) -> reply.fail("the page crashed", "page-crashed"))
                .build();
             RelayHttpClient http = Sdk.http(target)) {
            Sdk.await(extension.connect(), "the extension connection-ack");
            RelayHttpException failed = assertThrows(RelayHttpException.class,
                    () -> http.chatCompletion(ChatCompletionRequest.user(model, "hi")));
            assertEquals(502, failed.status(), failed.toString());
            assertEquals("page-crashed", failed.code(), failed.toString());
            assertTrue(failed.getMessage().contains("the page crashed"), failed.getMessage());
        }
    }

    @ConformanceTest
    void modelNoTabServesIs404ModelNotFound(ServerTarget target) {
        String model = Sdk.unique("model-served");
        try (ExtensionClient extension = Sdk.extension(target, Sdk.unique("tab-chat")).model(model)
                .onChat((request, reply) -> reply.complete("unexpected"))
                .build();
             RelayHttpClient http = Sdk.http(target)) {
            Sdk.await(extension.connect(), "the extension connection-ack");
            RelayHttpException missing = assertThrows(RelayHttpException.class,
                    () -> http.chatCompletion(ChatCompletionRequest.user(Sdk.unique("model-nobody"), "hi")));
            assertEquals(404, missing.status(), missing.toString());
            assertEquals("model_not_found", missing.code(), missing.toString());
        }
    }
}
