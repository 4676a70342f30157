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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat, models and admin HTTP calls against the real relay, with an {@link ExtensionClient} (one tab, models
 * {@code gpt-x} and {@code gpt-y}) answering the chat turns. The prompt picks the tab's behaviour: {@code fail}
 * answers {@code CHAT_RESPONSE_ERROR}, {@code midway} fails after a first chunk, {@code slow} never answers (and
 * records the relay's {@code CANCEL_CHAT} reason); anything else is answered whole, or in chunks when streamed.
 */
@Timeout(60)
class HttpChatApiTest {

    static RealRelay relay;
    static ExtensionClient extension;
    static RelayHttpClient http;
    static final BlockingQueue<ChatRequest> asked = new LinkedBlockingQueue<>();
    static final BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        relay = new RealRelay();
        extension = ExtensionClient.builder().serverUrl(relay.url())
                .tabId("tab-1").tab("tab-1", "https://chat.example/", "Chat")
                .model("gpt-x").model("gpt-y")
                .onChat(HttpChatApiTest::answer)
                .build();
        extension.connect().join();
        http = RelayHttpClient.builder().serverUrl(relay.url()).bearerToken("sk-test").build();
    }

    @AfterAll
    static void stop() {
        http.close();
        extension.close();
        relay.close();
    }

    private static void answer(ChatRequest request, ChatReply reply) {
        asked.add(request);
        String prompt = request.prompt();
        switch (prompt) {
            case "fail" -> reply.fail("the tab crashed");
            case "midway" -> {
                reply.chunk("Hel");
                reply.fail("the tab went away", "tab-gone");
            }
            case "slow" -> reply.onCancel(() -> cancelled.add(reply.cancelReason()));
            default -> {
                if (request.wantsStream()) {
                    reply.chunk("Hel");
                    reply.chunk("lo!");
                    reply.finish();
                } else {
                    reply.complete("final answer for " + prompt);
                }
            }
        }
    }

    @Test
    void chatCompletionSendsOpenAiJsonAndReadsTheAnswer() throws Exception {
        asked.clear();
        ChatCompletion completion = http.chatCompletion(ChatCompletionRequest.of("gpt-x",
                ChatMessage.of("system", "be brief"), ChatMessage.of("user", "hello")).withTemperature(0.2).withMaxTokens(50));
        assertEquals("final answer for hello", completion.content());
        assertEquals("gpt-x", completion.model());
        assertEquals("chat.completion", completion.object());
        assertEquals("stop", completion.choices().get(0).finishReason());
        assertEquals("assistant", completion.choices().get(0).message().role());
        assertTrue(completion.usage().totalTokens() > 0, completion.usage().toString());

        ChatRequest tab = asked.poll(5, TimeUnit.SECONDS);   // what the tab was given
        assertNotNull(tab);
        assertEquals(List.of("system", "user"), tab.messages().stream().map(ChatMessage::role).toList());
        assertEquals("gpt-x", tab.model());
        assertEquals(50, tab.settings().maxTokens());
        assertEquals(0.2, tab.settings().temperature());
        assertFalse(tab.wantsStream());

        assertEquals("final answer for hello",
                http.chatCompletionAsync(ChatCompletionRequest.user("gpt-y", "hello")).join().content());
        assertEquals("final answer for anything",   // no model: any chat tab
                http.chatCompletion(new ChatCompletionRequest(null, List.of(ChatMessage.of("user", "anything")),
                        null, null, null)).content());
    }

    @Test
    void streamedCompletionIteratesSseDeltas() {
        List<String> deltas = new ArrayList<>();
        String finish = null;
        try (ChatStream stream = http.streamChatCompletion(ChatCompletionRequest.user("gpt-x", "hello"))) {
            for (ChatCompletionChunk chunk : stream) {
                assertEquals("chat.completion.chunk", chunk.object());
                deltas.add(chunk.content());
                finish = chunk.finishReason() != null ? chunk.finishReason() : finish;
            }
            assertEquals("Hello!", stream.readAll());
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
        RelayHttpException failed = assertThrows(RelayHttpException.class,
                () -> http.chatCompletion(ChatCompletionRequest.user("gpt-x", "fail")));
        assertEquals(502, failed.status());
        assertEquals("extension-error", failed.code());
        assertTrue(failed.getMessage().contains("the tab crashed"), failed.getMessage());
        assertTrue(failed.retryable());

        RelayHttpException unknown = assertThrows(RelayHttpException.class,
                () -> http.chatCompletion(ChatCompletionRequest.user("gpt-unknown", "hello")));
        assertEquals(404, unknown.status());
        assertEquals("model_not_found", unknown.code());
        assertFalse(unknown.retryable());

        RelayHttpException invalid = assertThrows(RelayHttpException.class, () -> http.chatCompletion(
                new ChatCompletionRequest("gpt-x", List.of(), null, null, null)));
        assertEquals(400, invalid.status());
        assertEquals("invalid-request", invalid.code());

        RelayHttpException streamFailedFirst = assertThrows(RelayHttpException.class,   // before the first byte
                () -> http.streamChatCompletion(ChatCompletionRequest.user("gpt-x", "fail")));
        assertEquals(502, streamFailedFirst.status());

        try (ChatStream stream = http.streamChatCompletion(ChatCompletionRequest.user("gpt-x", "midway"))) {
            assertEquals("Hel", stream.next().content());
            RelayHttpException broken = assertThrows(RelayHttpException.class, stream::next);
            assertEquals("tab-gone", broken.code());
            assertTrue(broken.getMessage().contains("the tab went away"), broken.getMessage());
            assertFalse(stream.hasNext());
        }
        CompletionException async = assertThrows(CompletionException.class, () -> http.streamChatCompletion(
                ChatCompletionRequest.user("gpt-x", "midway"), chunk -> { }).join());
        assertInstanceOf(RelayHttpException.class, async.getCause());
        assertEquals("tab-gone", ((RelayHttpException) async.getCause()).code());
    }

    @Test
    void timeoutAndBusyFollowTheLiveSettings() throws Exception {
        try {
            String saved = http.updateSettings(SettingsUpdate.none().withRequestTimeoutMs(1500).withNewRequestBehavior("drop"));
            assertTrue(saved.contains("requestTimeoutMs") && saved.contains("newRequestBehavior"), saved);
            ServerInfo info = http.serverInfo();
            assertEquals(1500L, info.requestTimeoutMs());
            assertEquals("drop", info.newRequestBehavior());

            asked.clear();
            CompletableFuture<ChatCompletion> slow = http.chatCompletionAsync(ChatCompletionRequest.user("gpt-x", "slow"));
            assertEquals("slow", asked.take().prompt());   // the only tab is now busy
            RelayHttpException busy = assertThrows(RelayHttpException.class,
                    () -> http.chatCompletion(ChatCompletionRequest.user("gpt-x", "hello")));
            assertEquals(429, busy.status());
            assertEquals("tabs-busy", busy.code());
            assertTrue(busy.retryable());

            CompletionException timedOut = assertThrows(CompletionException.class, slow::join);
            RelayHttpException timeout = assertInstanceOf(RelayHttpException.class, timedOut.getCause());
            assertEquals(504, timeout.status());
            assertEquals("timeout", timeout.code());
            assertEquals("timeout", cancelled.poll(5, TimeUnit.SECONDS));   // CANCEL_CHAT reached the tab
        } finally {
            http.updateSettings(SettingsUpdate.none().withRequestTimeoutMs(60000).withNewRequestBehavior("queue"));
        }
        assertEquals("final answer for hello",
                http.chatCompletion(ChatCompletionRequest.user("gpt-x", "hello")).content());
    }

    @Test
    void noChatExtensionMeans503() {
        try (RealRelay empty = new RealRelay();
             RelayHttpClient client = RelayHttpClient.builder().serverUrl(empty.url()).build()) {
            RelayHttpException none = assertThrows(RelayHttpException.class,
                    () -> client.chatCompletion(ChatCompletionRequest.user("gpt-x", "hello")));
            assertEquals(503, none.status());
            assertEquals("no-extension", none.code());
            assertTrue(none.retryable());
        }
    }

    @Test
    void modelsAndAdminEndpoints() {
        assertEquals(List.of("gpt-x", "gpt-y"), http.models().stream().map(Model::id).sorted().toList());
        assertEquals("model", http.models().get(0).object());

        ServerInfo info = http.serverInfo();
        assertEquals(relay.port(), info.port());
        assertEquals("127.0.0.1", info.host());
        assertEquals(1, info.connectedExtensionsCount());
        assertEquals(1, info.tabsCount());
        assertFalse(info.restartRequired());
        assertNotNull(info.version());
        assertTrue(info.uptimeMs() >= 0);

        String saved = http.updateSettings(SettingsUpdate.none().withMaxQueueLength(7).withHistoryLimit(500)
                .withRecordMessageText(true));
        assertTrue(saved.startsWith("Saved."), saved);
        info = http.serverInfo();
        assertEquals(7, info.maxQueueLength());
        assertEquals(500, info.historyLimit());
        assertTrue(info.recordMessageText());

        RelayHttpException bad = assertThrows(RelayHttpException.class,
                () -> http.updateSettings(SettingsUpdate.none().withNewRequestBehavior("sometimes").withPort(70000)));
        assertEquals(400, bad.status());
        assertEquals("invalid-request", bad.code());
        assertTrue(bad.getMessage().contains("port must be a whole number from 0 to 65535, got 70000"), bad.getMessage());
        assertTrue(bad.getMessage().contains("newRequestBehavior"), bad.getMessage());
        assertEquals(7, http.serverInfo().maxQueueLength());   // nothing applied

        assertEquals("final answer for remember me",
                http.chatCompletion(ChatCompletionRequest.user("gpt-x", "remember me")).content());
        List<HistoryEntry> history = http.messageHistory();
        assertTrue(history.size() >= 3, history.toString());
        assertTrue(history.get(0).seq() > history.get(1).seq(), "newest first: " + history);
        HistoryEntry completed = history.stream().filter(e -> "CHAT_REQUEST_COMPLETED".equals(e.type()))
                .findFirst().orElseThrow();
        assertEquals(200, completed.status());
        assertEquals("final answer for remember me", completed.answer());   // recordMessageText is on
        assertEquals("tab-1", completed.tabId());
        assertTrue(completed.durationMs() >= 0);

        List<HistoryEntry> one = http.messageHistory(10, completed.requestId(), "CHAT_REQUEST_RECEIVED", "CHAT_REQUEST_COMPLETED");
        assertEquals(List.of("CHAT_REQUEST_COMPLETED", "CHAT_REQUEST_RECEIVED"), one.stream().map(HistoryEntry::type).toList());
        assertEquals("remember me", one.get(1).prompt());
        assertEquals("gpt-x", one.get(1).model());
        assertTrue(one.get(1).time() <= one.get(0).time());
        assertEquals(1, http.messageHistory(1, null).size());

        RelayHttpException restart = assertThrows(RelayHttpException.class, http::restartServer);
        assertEquals(501, restart.status());   // an embedded RelayServer.start(config) cannot restart itself
        assertEquals("restart-unavailable", restart.code());
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
