package dev.tabrelay.conformance;

import dev.tabrelay.client.ChatStream;
import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.RelayHttpException;
import dev.tabrelay.client.http.ChatCompletion;
import dev.tabrelay.client.http.ChatCompletionChunk;
import dev.tabrelay.client.http.ChatCompletionRequest;
import dev.tabrelay.client.http.HistoryEntry;
import dev.tabrelay.client.http.SettingsUpdate;
import dev.tabrelay.simulator.ChatBehaviour;
import dev.tabrelay.simulator.ConnectWindow;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat relay's statuses and paths (docs/server.md, Chat API) with the extension simulator as the extension:
 * what a real extension-shaped peer sees and does (turns, chunks, {@code CANCEL_CHAT}), counted by the simulator.
 * A silent simulator tab holds a request as long as a check needs, so queueing needs no timing.
 */
class SimulatorChatConformanceIT {

    @ConformanceTest
    void plainAnswerModelsAndHistory(ServerTarget target) {
        try (SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.fixed("forty-two"));
             RelayHttpClient http = Sdk.http(target)) {
            ChatCompletion completion = http.chatCompletion(ChatCompletionRequest.user(sim.model(), "the answer?"));
            assertEquals("forty-two", completion.content(), sim.lines()::toString);
            assertEquals(sim.model(), completion.model());
            assertEquals(1, sim.simulator().summary().chatTurns());
            assertTrue(http.models().stream().anyMatch(m -> sim.model().equals(m.id())),
                    "GET /v1/models lists the simulator's model");
            List<String> types = http.messageHistory(50, completion.id()).stream().map(HistoryEntry::type).toList();
            assertTrue(types.contains("CHAT_REQUEST_COMPLETED"), "history of " + completion.id() + ": " + types);
        }
    }

    @ConformanceTest
    void eachModelGoesToTheTabThatServesIt(ServerTarget target) {
        try (SimulatedTabs a = SimulatedTabs.start(target, ChatBehaviour.fixed("from a"));
             SimulatedTabs b = SimulatedTabs.start(target, ChatBehaviour.fixed("from b"));
             RelayHttpClient http = Sdk.http(target)) {
            assertEquals("from b", http.chatCompletion(ChatCompletionRequest.user(b.model(), "x")).content());
            assertEquals("from a", http.chatCompletion(ChatCompletionRequest.user(a.model(), "y")).content());
            assertEquals("from b", http.chatCompletion(ChatCompletionRequest.user(b.model(), "z")).content());
            assertEquals(1, a.simulator().summary().chatTurns());
            assertEquals(2, b.simulator().summary().chatTurns());
        }
    }

    @ConformanceTest
    void streamDeliversTheFirstChunkBeforeTheAnswerEnds(ServerTarget target) {
        int chunks = 6;
        try (SimulatedTabs sim = SimulatedTabs.start(target,
                ChatBehaviour.echo().inChunks(chunks, Duration.ofMillis(400)));
             RelayHttpClient http = Sdk.http(target);
             ChatStream stream = http.streamChatCompletion(ChatCompletionRequest.user(sim.model(), "count slowly"))) {
            StringBuilder text = new StringBuilder();
            long sentWhenFirstArrived = -1;
            for (ChatCompletionChunk chunk : stream) {
                String content = chunk.content();
                if (content != null && !content.isEmpty() && sentWhenFirstArrived < 0) {
                    sentWhenFirstArrived = sim.simulator().summary().chatChunks();
                }
                text.append(content == null ? "" : content);
            }
            assertEquals("echo: count slowly", text.toString());
            // Really streamed: the client had text while the tab was still producing the answer.
            assertTrue(sentWhenFirstArrived >= 1 && sentWhenFirstArrived < chunks,
                    "chunks the tab had sent when the first reached the client: " + sentWhenFirstArrived);
        }
    }

    @ConformanceTest
    void busyTabQueuesFifo(ServerTarget target, RelayClient relay) throws Exception {
        String model = Sdk.unique("model-fifo");
        try (RelayHttpClient http = Sdk.http(target);
             AutoCloseable restore = Sdk.chatSettings(http, SettingsUpdate.none()
                     .withNewRequestBehavior("queue").withMaxQueueLength(100).withRequestTimeoutMs(60_000))) {
            SimulatedTabs holder = SimulatedTabs.start(target, ChatBehaviour.silent(), model, b -> b);
            try {
                CompletableFuture<ChatCompletion> held = http.chatCompletionAsync(ChatCompletionRequest.user(model, "held"));
                Sdk.eventually("the silent tab has the first request", () -> holder.simulator().summary().chatTurns() == 1);
                List<CompletableFuture<ChatCompletion>> queued = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    queued.add(http.chatCompletionAsync(ChatCompletionRequest.user(model, "q" + i)));
                    int expected = i;
                    Sdk.eventually("q" + i + " queued", () -> SimulatedTabs.chatCount(relay, "queueLength") == expected);
                }
                try (SimulatedTabs worker = SimulatedTabs.start(target, ChatBehaviour.echo(), model, b -> b)) {
                    for (int i = 0; i < queued.size(); i++) {
                        assertEquals("echo: q" + (i + 1), Sdk.await(queued.get(i), "queued request q" + (i + 1)).content());
                    }
                    assertEquals(List.of("q1", "q2", "q3"), worker.prompts(), "first in, first out");
                }
                holder.close();
                RelayHttpException gone = assertInstanceOf(RelayHttpException.class,
                        Sdk.awaitFailure(held, "the held request when its extension leaves"));
                assertEquals(502, gone.status(), gone.toString());
                assertEquals("peer-disconnected", gone.code(), gone.toString());
            } finally {
                holder.close();
            }
        }
    }

    @ConformanceTest
    void dropRefusesWith429WhileTheTabIsBusy(ServerTarget target) throws Exception {
        try (RelayHttpClient http = Sdk.http(target);
             AutoCloseable restore = Sdk.chatSettings(http, SettingsUpdate.none().withNewRequestBehavior("drop"));
             SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.silent())) {
            CompletableFuture<ChatCompletion> held = http.chatCompletionAsync(ChatCompletionRequest.user(sim.model(), "held"));
            Sdk.eventually("the tab has the first request", () -> sim.simulator().summary().chatTurns() == 1);
            RelayHttpException busy = assertThrows(RelayHttpException.class,
                    () -> http.chatCompletion(ChatCompletionRequest.user(sim.model(), "second")));
            assertEquals(429, busy.status(), busy.toString());
            assertEquals("tabs-busy", busy.code(), busy.toString());
            assertEquals(1, sim.simulator().summary().chatTurns(), "the dropped request never reached the tab");
            sim.close();
            assertEquals(502, assertInstanceOf(RelayHttpException.class, Sdk.awaitFailure(held, "the held request")).status());
        }
    }

    @ConformanceTest
    void noExtensionLeftIs503(ServerTarget target, RelayClient relay) {
        Assumptions.assumeTrue(ServerOptions.configured(target), "a url target may have other extensions connected");
        SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.echo());
        sim.close();
        try (RelayHttpClient http = Sdk.http(target)) {
            Sdk.eventually("the simulator's model is gone from GET /v1/models",
                    () -> http.models().stream().noneMatch(m -> sim.model().equals(m.id())));
        }
        // Every suite closes its extensions, so no chat tab is left (a chat tab not serving the model would be 404).
        RelayClient.HttpReply reply = post(relay, target, SimulatedTabs.body(Sdk.unique("model-nobody"), "anyone?"));
        assertEquals(503, reply.status(), reply.body());
        assertOpenAiError(reply, "no-extension");
    }

    @ConformanceTest
    void silentTabTimesOutWith504AndIsToldToCancel(ServerTarget target) throws Exception {
        try (RelayHttpClient http = Sdk.http(target);
             AutoCloseable restore = Sdk.chatSettings(http, SettingsUpdate.none().withRequestTimeoutMs(1500));
             SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.silent())) {
            RelayHttpException timeout = assertThrows(RelayHttpException.class,
                    () -> http.chatCompletion(ChatCompletionRequest.user(sim.model(), "hang")));
            assertEquals(504, timeout.status(), timeout.toString());
            assertEquals("timeout", timeout.code(), timeout.toString());
            Sdk.eventually("CANCEL_CHAT at the simulator", () -> sim.simulator().summary().chatCancelled() == 1);
            assertTrue(sim.lines().stream().anyMatch(l -> l.contains("cancelled (timeout)")), sim.lines()::toString);
        }
    }

    @ConformanceTest
    void extensionGoneMidRequestIs502(ServerTarget target) {
        try (RelayHttpClient http = Sdk.http(target);
             SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.silent())) {
            CompletableFuture<ChatCompletion> request = http.chatCompletionAsync(ChatCompletionRequest.user(sim.model(), "bye"));
            Sdk.eventually("the tab has the request", () -> sim.simulator().summary().chatTurns() == 1);
            sim.close();
            RelayHttpException gone = assertInstanceOf(RelayHttpException.class,
                    Sdk.awaitFailure(request, "the request of a gone extension"));
            assertEquals(502, gone.status(), gone.toString());
            assertEquals("peer-disconnected", gone.code(), gone.toString());
        }
    }

    @ConformanceTest
    void extensionErrorIs502WithItsMessage(ServerTarget target, RelayClient relay) {
        try (SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.error("the page broke"))) {
            RelayClient.HttpReply reply = post(relay, target, SimulatedTabs.body(sim.model(), "hi"));
            assertEquals(502, reply.status(), reply.body());
            assertOpenAiError(reply, "simulated");
            assertTrue(((String) Json.child(reply.json(), "error").get("message")).contains("the page broke"), reply.body());
        }
    }

    @ConformanceTest
    void clientGoneWhileRunningCancelsOnTheTab(ServerTarget target, RelayClient relay) throws IOException {
        try (SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.silent())) {
            Socket client = SimulatedTabs.rawChat(target, SimulatedTabs.body(sim.model(), "then I leave"));
            Sdk.eventually("the tab has the request", () -> sim.simulator().summary().chatTurns() == 1);
            client.close();
            Sdk.eventually("CANCEL_CHAT at the simulator", () -> sim.simulator().summary().chatCancelled() == 1);
            assertTrue(sim.lines().stream().anyMatch(l -> l.contains("cancelled (client-disconnected)")), sim.lines()::toString);
            Sdk.eventually("the tab is free again", () -> SimulatedTabs.chatCount(relay, "activeRequests") == 0);
        }
    }

    @ConformanceTest
    void clientGoneWhileQueuedLeavesTheQueue(ServerTarget target, RelayClient relay) throws Exception {
        try (RelayHttpClient http = Sdk.http(target);
             AutoCloseable restore = Sdk.chatSettings(http, SettingsUpdate.none()
                     .withNewRequestBehavior("queue").withMaxQueueLength(100));
             SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.silent())) {
            CompletableFuture<ChatCompletion> held = http.chatCompletionAsync(ChatCompletionRequest.user(sim.model(), "held"));
            Sdk.eventually("the tab has the first request", () -> sim.simulator().summary().chatTurns() == 1);
            Socket client = SimulatedTabs.rawChat(target, SimulatedTabs.body(sim.model(), "queued, then gone"));
            Sdk.eventually("the second request queued", () -> SimulatedTabs.chatCount(relay, "queueLength") == 1);
            client.close();
            Sdk.eventually("the gone client's request left the queue", () -> SimulatedTabs.chatCount(relay, "queueLength") == 0);
            sim.close();
            Sdk.awaitFailure(held, "the held request");
            assertEquals(List.of("held"), sim.prompts(), "the gone client's request never reached the tab");
            assertEquals(0, sim.simulator().summary().chatCancelled(), "nothing ran for it, so nothing to cancel");
        }
    }

    @ConformanceTest
    void everyRequestGetsExactlyOneResponse(ServerTarget target) {
        try (SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.echo().inChunks(3, Duration.ofMillis(5)),
                Sdk.unique("model-many"), b -> b.tabs(2));
             RelayHttpClient http = Sdk.http(target)) {
            int n = 8;
            List<CompletableFuture<ChatCompletion>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                replies.add(http.chatCompletionAsync(ChatCompletionRequest.user(sim.model(), "p" + i)));
            }
            for (int i = 0; i < n; i++) {
                ChatCompletion completion = Sdk.await(replies.get(i), "request p" + i);
                assertEquals("echo: p" + i, completion.content(), "each client gets its own answer");
                List<String> terminal = http.messageHistory(100, completion.id()).stream().map(HistoryEntry::type)
                        .filter(t -> !t.equals("CHAT_REQUEST_RECEIVED") && !t.equals("CHAT_REQUEST_QUEUED")
                                && !t.equals("CHAT_REQUEST_PROCESSING"))
                        .toList();
                assertEquals(List.of("CHAT_REQUEST_COMPLETED"), terminal, "one outcome for " + completion.id());
            }
            assertEquals(n, sim.simulator().summary().chatTurns());
        }
    }

    @ConformanceTest
    @SuppressWarnings("unchecked")
    void sessionsListTheSimulatorsTabsAndTheirBusyState(ServerTarget target, RelayClient relay) {
        try (RelayHttpClient http = Sdk.http(target);
             SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.silent(), Sdk.unique("model-session"),
                     b -> b.connectWindow(ConnectWindow.defaults()))) {
            String tab = sim.simulator().settings().tabs().get(0).tabId();
            Sdk.eventually("GET /v1/sessions lists " + tab, () -> session(relay, tab) != null);
            assertEquals(Boolean.FALSE, session(relay, tab).get("busy"));

            CompletableFuture<ChatCompletion> request = http.chatCompletionAsync(ChatCompletionRequest.user(sim.model(), "hold"));
            Sdk.eventually("the session shows busy", () -> Boolean.TRUE.equals(session(relay, tab).get("busy")));
            sim.close();
            assertEquals(502, assertInstanceOf(RelayHttpException.class, Sdk.awaitFailure(request, "the request")).status());
            Sdk.eventually("the session ends with its extension", () -> session(relay, tab) == null);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> session(RelayClient relay, String tab) {
        List<Map<String, Object>> data = (List<Map<String, Object>>) relay.get("/v1/sessions").json().get("data");
        return data.stream().filter(s -> tab.equals(s.get("tabId"))).findFirst().orElse(null);
    }

    private static RelayClient.HttpReply post(RelayClient relay, ServerTarget target, String json) {
        return relay.call(new Request.Builder().url(target.http("/v1/chat/completions").toString())
                .post(RequestBody.create(json, MediaType.get("application/json"))).build());
    }

    /** The OpenAI error body: {@code {"error":{"message","type","code"}}}. */
    static void assertOpenAiError(RelayClient.HttpReply reply, String code) {
        Map<String, Object> error = Json.child(reply.json(), "error");
        assertEquals(code, error.get("code"), reply.body());
        assertNotNull(error.get("message"), reply.body());
        assertNotNull(error.get("type"), reply.body());
        assertFalse(((String) error.get("message")).isBlank(), reply.body());
    }
}
