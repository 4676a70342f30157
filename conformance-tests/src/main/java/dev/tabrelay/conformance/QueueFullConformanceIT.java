package dev.tabrelay.conformance;

import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.RelayHttpException;
import dev.tabrelay.client.http.ChatCompletion;
import dev.tabrelay.client.http.ChatCompletionRequest;
import dev.tabrelay.client.http.SettingsUpdate;
import dev.tabrelay.simulator.ChatBehaviour;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code maxQueueLength} (docs/server.md, Chat API and Admin settings): with every suitable tab busy and the queue
 * full, one more request is refused at once with 429 {@code queue-full} in the OpenAI error body; the queued ones
 * are still answered, in order. A silent simulator tab keeps the tab busy; a second simulator serving the same
 * model releases the queue.
 */
class QueueFullConformanceIT {

    private static final int MAX_QUEUE = 2;

    @ConformanceTest
    void fullQueueRefusesWith429AndTheQueuedAreAnsweredInOrder(ServerTarget target, RelayClient relay) throws Exception {
        String model = Sdk.unique("model-queue-full");
        try (RelayHttpClient http = Sdk.http(target);
             AutoCloseable restore = Sdk.chatSettings(http, SettingsUpdate.none()
                     .withNewRequestBehavior("queue").withMaxQueueLength(MAX_QUEUE).withRequestTimeoutMs(60_000))) {
            assertEquals(MAX_QUEUE, http.serverInfo().maxQueueLength(), "the setting is effective at once");
            SimulatedTabs busy = SimulatedTabs.start(target, ChatBehaviour.silent(), model, b -> b);
            try {
                CompletableFuture<ChatCompletion> held = http.chatCompletionAsync(ChatCompletionRequest.user(model, "held"));
                Sdk.eventually("the silent tab has the first request", () -> busy.simulator().summary().chatTurns() == 1);
                CompletableFuture<ChatCompletion> first = http.chatCompletionAsync(ChatCompletionRequest.user(model, "first"));
                Sdk.eventually("first queued", () -> SimulatedTabs.chatCount(relay, "queueLength") == 1);
                CompletableFuture<ChatCompletion> second = http.chatCompletionAsync(ChatCompletionRequest.user(model, "second"));
                Sdk.eventually("second queued", () -> SimulatedTabs.chatCount(relay, "queueLength") == MAX_QUEUE);

                // The wire: status, OpenAI error body, refused at once (the queue did not grow).
                RelayClient.HttpReply full = relay.call(new Request.Builder()
                        .url(target.http("/v1/chat/completions").toString())
                        .post(RequestBody.create(SimulatedTabs.body(model, "one too many"),
                                MediaType.get("application/json"))).build());
                assertEquals(429, full.status(), full.body());
                assertTrue(full.contentType().startsWith("application/json"), full.contentType());
                SimulatorChatConformanceIT.assertOpenAiError(full, "queue-full");
                assertEquals("rate_limit_error", Json.child(full.json(), "error").get("type"), full.body());
                assertEquals(MAX_QUEUE, SimulatedTabs.chatCount(relay, "queueLength"));
                // The SDK sees the same refusal as a typed exception.
                RelayHttpException refused = assertInstanceOf(RelayHttpException.class, Sdk.awaitFailure(
                        http.chatCompletionAsync(ChatCompletionRequest.user(model, "and another")), "a refusal"));
                assertEquals(429, refused.status(), refused.toString());
                assertEquals("queue-full", refused.code(), refused.toString());
                assertTrue(http.messageHistory(100, null, "CHAT_REQUEST_DROPPED").stream()
                                .anyMatch(e -> Integer.valueOf(429).equals(e.status())),
                        "the refusal is in the history as CHAT_REQUEST_DROPPED with status 429");

                try (SimulatedTabs worker = SimulatedTabs.start(target, ChatBehaviour.echo(), model, b -> b)) {
                    assertEquals("echo: first", Sdk.await(first, "the first queued request").content());
                    assertEquals("echo: second", Sdk.await(second, "the second queued request").content());
                    assertEquals(List.of("first", "second"), worker.prompts(), "answered in queue order");
                    // Room again: a new request is accepted (and served by the free tab).
                    assertEquals("echo: later", http.chatCompletion(ChatCompletionRequest.user(model, "later")).content());
                }
                assertEquals(List.of("held"), busy.prompts(), "the refused requests never reached a tab");
                busy.close();
                RelayHttpException gone = assertInstanceOf(RelayHttpException.class,
                        Sdk.awaitFailure(held, "the held request when its extension leaves"));
                assertEquals(502, gone.status(), gone.toString());
            } finally {
                busy.close();
            }
        }
    }

    @ConformanceTest
    void zeroQueueLengthRefusesEveryRequestThatWouldWait(ServerTarget target, RelayClient relay) throws Exception {
        try (RelayHttpClient http = Sdk.http(target);
             AutoCloseable restore = Sdk.chatSettings(http, SettingsUpdate.none()
                     .withNewRequestBehavior("queue").withMaxQueueLength(0));
             SimulatedTabs busy = SimulatedTabs.start(target, ChatBehaviour.silent())) {
            CompletableFuture<ChatCompletion> held = http.chatCompletionAsync(ChatCompletionRequest.user(busy.model(), "held"));
            Sdk.eventually("the silent tab has the request", () -> busy.simulator().summary().chatTurns() == 1);
            RelayHttpException refused = assertInstanceOf(RelayHttpException.class, Sdk.awaitFailure(
                    http.chatCompletionAsync(ChatCompletionRequest.user(busy.model(), "waits")), "a refusal"));
            assertEquals(429, refused.status(), refused.toString());
            assertEquals("queue-full", refused.code(), refused.toString());
            busy.close();
            Sdk.awaitFailure(held, "the held request");
        }
    }
}
