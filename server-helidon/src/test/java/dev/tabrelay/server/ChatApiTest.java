package dev.tabrelay.server;

import okhttp3.Call;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tabrelay.server.ChatSupport.answer;
import static dev.tabrelay.server.ChatSupport.await;
import static dev.tabrelay.server.ChatSupport.body;
import static dev.tabrelay.server.ChatSupport.chatAsync;
import static dev.tabrelay.server.ChatSupport.chatExtension;
import static dev.tabrelay.server.ChatSupport.chunk;
import static dev.tabrelay.server.ChatSupport.content;
import static dev.tabrelay.server.ChatSupport.error;
import static dev.tabrelay.server.ChatSupport.join;
import static dev.tabrelay.server.ChatSupport.requestId;
import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static dev.tabrelay.server.TestRelay.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatApiTest {

    private TestRelay relay;

    private TestRelay relay(java.util.function.Consumer<ServerConfig.Builder> settings) {
        relay = new TestRelay(settings);
        return relay;
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void plainRequestForwardsWholeConversationAndAnswersChatCompletion() {
        relay(b -> { });
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        String json = "{\"model\":\"gpt-x\",\"temperature\":0.3,\"max_tokens\":50,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hello\"}]}";
        CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, json);
        Map<String, Object> send = ext.awaitType("SEND_CHAT_MESSAGE");
        List<Object> messages = (List<Object>) data(send).get("messages");
        assertEquals(2, messages.size());
        assertEquals("system", ((Map<String, Object>) messages.get(0)).get("role"));
        Map<String, Object> settings = (Map<String, Object>) data(send).get("settings");
        assertEquals("gpt-x", settings.get("model"));
        assertEquals(0.3, settings.get("temperature"));
        assertEquals(50.0, settings.get("max_tokens"));
        assertEquals("tab-1", metadata(send).get("tabId"));
        answer(ext, send, "hi there");

        TestRelay.HttpResult result = join(reply);
        assertEquals(200, result.status());
        Map<String, Object> body = result.object();
        assertEquals("chat.completion", body.get("object"));
        assertTrue(((String) body.get("id")).startsWith("chatcmpl-"));
        assertEquals(requestId(send), body.get("id"));
        assertEquals("gpt-x", body.get("model"));
        assertTrue(body.get("created") instanceof Number);
        assertEquals("hi there", content(result));
        Map<String, Object> choice = (Map<String, Object>) ((List<Object>) body.get("choices")).get(0);
        assertEquals("stop", choice.get("finish_reason"));
        assertEquals(0.0, choice.get("index"));
        Map<String, Object> usage = (Map<String, Object>) body.get("usage");
        assertTrue(((Number) usage.get("total_tokens")).intValue() > 0);
    }

    @Test
    void plainRequestAccumulatesChunks() {
        relay(b -> { });
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, body(null, false, "count"));
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
        chunk(ext, id, "one ", false);
        chunk(ext, id, "two ", false);
        chunk(ext, id, "three", true);
        TestRelay.HttpResult result = join(reply);
        assertEquals(200, result.status());
        assertEquals("one two three", content(result));
        assertEquals("tabrelay", result.object().get("model"));
    }

    @Test
    void streamSendsFirstChunkBeforeTheAnswerEnds() throws IOException {
        relay(b -> { });
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        Call call = relay.http.newCall(new Request.Builder().url(relay.base() + "/v1/chat/completions")
                .post(RequestBody.create(body("m", true, "stream please"), ChatSupport.JSON_TYPE)).build());
        CompletableFuture<Response> response = CompletableFuture.supplyAsync(() -> {
            try {
                return call.execute();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, ChatSupport.ASYNC);
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
        chunk(ext, id, "Hel", false);
        try (Response res = join(response)) {
            assertEquals(200, res.code());
            assertTrue(res.header("Content-Type").startsWith("text/event-stream"));
            BufferedSource source = res.body().source();
            String first = nextData(source);
            // The extension has not sent its final chunk yet: this line was really streamed.
            Map<String, Object> chunk = parse(first);
            assertEquals("chat.completion.chunk", chunk.get("object"));
            assertEquals(id, chunk.get("id"));
            assertEquals(Map.of("role", "assistant", "content", "Hel"), delta(chunk));
            assertNull(choice(chunk).get("finish_reason"));

            chunk(ext, id, "lo", true);
            assertEquals(Map.of("content", "lo"), delta(parse(nextData(source))));
            Map<String, Object> last = parse(nextData(source));
            assertEquals(Map.of(), delta(last));
            assertEquals("stop", choice(last).get("finish_reason"));
            assertEquals("[DONE]", nextData(source));
            assertTrue(source.readUtf8().isBlank());
        }
    }

    /**
     * The keep-alive comment measures silence: a tab that streams faster than the keep-alive interval gets none,
     * and a silent one gets one per interval. The interval is generous so that a slow machine cannot fake silence.
     * The client reads the stream as it comes, so each assertion waits for the line it is about.
     */
    @Test
    void keepAliveCommentsComeOnlyWhileTheTabIsSilent() throws Exception {
        Duration keepAlive = Duration.ofMillis(400);
        relay(b -> b.chatKeepAlive(keepAlive));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        Call call = relay.http.newCall(new Request.Builder().url(relay.base() + "/v1/chat/completions")
                .post(RequestBody.create(body(null, true, "talk, then pause"), ChatSupport.JSON_TYPE)).build());
        CompletableFuture<Response> response = CompletableFuture.supplyAsync(() -> {
            try {
                return call.execute();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, ChatSupport.ASYNC);
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
        long before = relay.server.chatRouter().keepAlivesSent();
        ScheduledExecutorService tab = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        // 1 s of deltas, 50 ms apart: never silent for 400 ms
        tab.scheduleAtFixedRate(() -> {
            if (sent.get() < 20) {
                chunk(ext, id, "d" + sent.getAndIncrement(), false);
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        try (Response res = join(response)) {
            BufferedSource source = res.body().source();
            for (int i = 0; i < 20; i++) {
                String line = nextLine(source);
                assertTrue(line.startsWith("data: "), "no comment while deltas flow: " + line);
                assertEquals("d" + i, delta(parse(line.substring("data: ".length()))).get("content"));
            }
            tab.shutdownNow();
            long silentSince = System.nanoTime();
            assertEquals(": waiting", nextLine(source)); // the tab is silent now
            long silentMs = Duration.ofNanos(System.nanoTime() - silentSince).toMillis();
            assertTrue(silentMs >= keepAlive.toMillis() / 2, "the comment waited for silence: " + silentMs + " ms");
            assertEquals(": waiting", nextLine(source)); // and one per interval
            chunk(ext, id, "", true);
            assertEquals("stop", choice(parse(nextData(source))).get("finish_reason"));
            assertEquals("[DONE]", nextData(source));
            assertTrue(source.readUtf8().isBlank());
            assertEquals(before + 2, relay.server.chatRouter().keepAlivesSent());
        } finally {
            tab.shutdownNow();
        }
    }

    @Test
    void streamOfAWholeAnswerIsOneDelta() throws IOException {
        relay(b -> { });
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, body(null, true, "x"));
        answer(ext, ext.awaitType("SEND_CHAT_MESSAGE"), "all at once");
        TestRelay.HttpResult result = join(reply);
        List<String> data = dataLines(result.text());
        assertEquals(3, data.size(), result.text());
        assertEquals(Map.of("role", "assistant", "content", "all at once"), delta(parse(data.get(0))));
        assertEquals("stop", choice(parse(data.get(1))).get("finish_reason"));
        assertEquals("[DONE]", data.get(2));
    }

    @Test
    @SuppressWarnings("unchecked")
    void modelsAreRoutedAndListed() {
        relay(b -> { });
        WsClient a = chatExtension(relay, "tab-a", List.of("model-a"), null);
        WsClient b = chatExtension(relay, "tab-b", List.of("model-b"), null);
        List<Object> models = (List<Object>) relay.get("/v1/models").object().get("data");
        assertEquals(List.of("model-a", "model-b"), models.stream().map(m -> ((Map<String, Object>) m).get("id")).toList());
        assertEquals("model", ((Map<String, Object>) models.get(0)).get("object"));

        CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, body("model-b", false, "to b"));
        answer(b, b.awaitType("SEND_CHAT_MESSAGE"), "from b");
        assertEquals("from b", content(join(reply)));

        TestRelay.HttpResult unknown = relay.post("/v1/chat/completions", body("model-z", false, "x"));
        assertEquals(404, unknown.status());
        assertEquals("model_not_found", error(unknown).get("code"));

        // A capabilities frame replaces the model list.
        a.send(frame("caps", "capabilities", Map.of("models", List.of(Map.of("id", "model-z"))), null));
        a.awaitReply("caps", "ack");
        reply = chatAsync(relay, body("model-z", false, "to a"));
        answer(a, a.awaitType("SEND_CHAT_MESSAGE"), "from a");
        assertEquals("from a", content(join(reply)));

        // No model: any idle chat tab.
        reply = chatAsync(relay, body(null, false, "anyone"));
        await(() -> !a.frames.isEmpty() || !b.frames.isEmpty(), "one of the tabs to get the request");
        WsClient chosen = a.frames.isEmpty() ? b : a;
        answer(chosen, chosen.awaitType("SEND_CHAT_MESSAGE"), "someone");
        assertEquals("someone", content(join(reply)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthCountsQueuedAndRunningChats() {
        relay(b -> { });
        assertEquals(Map.of("queueLength", 0.0, "activeRequests", 0.0), relay.get("/health").object().get("chat"));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        CompletableFuture<TestRelay.HttpResult> first = chatAsync(relay, body(null, false, "first"));
        Map<String, Object> send = ext.awaitType("SEND_CHAT_MESSAGE");
        CompletableFuture<TestRelay.HttpResult> second = chatAsync(relay, body(null, false, "second"));
        await(() -> relay.server.chatRouter().queued() == 1, "the second request to queue");
        Map<String, Object> chat = (Map<String, Object>) relay.get("/health").object().get("chat");
        assertEquals(Map.of("queueLength", 1.0, "activeRequests", 1.0), chat);

        answer(ext, send, "one");
        answer(ext, ext.awaitType("SEND_CHAT_MESSAGE"), "two");
        assertEquals("one", content(join(first)));
        assertEquals("two", content(join(second)));
        await(() -> relay.server.chatRouter().runningCount() == 0, "the tab to be idle");
        assertEquals(Map.of("queueLength", 0.0, "activeRequests", 0.0), relay.get("/health").object().get("chat"));
    }

    @Test
    void twoTabsAnswerTwoRequestsConcurrently() {
        relay(b -> b.newRequestBehavior("drop"));
        WsClient ext = chatExtension(relay, null, null, List.of("t1", "t2"));
        CompletableFuture<TestRelay.HttpResult> one = chatAsync(relay, body(null, false, "one"));
        CompletableFuture<TestRelay.HttpResult> two = chatAsync(relay, body(null, false, "two"));
        Map<String, Object> first = ext.awaitType("SEND_CHAT_MESSAGE");
        Map<String, Object> second = ext.awaitType("SEND_CHAT_MESSAGE");
        // Both are running before either is answered, each on its own tab.
        assertNotEquals(metadata(first).get("tabId"), metadata(second).get("tabId"));
        assertEquals(Set.of("t1", "t2"), Set.of(metadata(first).get("tabId"), metadata(second).get("tabId")));
        answer(ext, second, "second");
        answer(ext, first, "first");
        assertEquals(200, join(one).status());
        assertEquals(200, join(two).status());
        assertEquals(Set.of("first", "second"), Set.of(content(join(one)), content(join(two))));
    }

    @Test
    void queueIsFifoAndBounded() {
        relay(b -> b.maxQueueLength(2));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        CompletableFuture<TestRelay.HttpResult> a = chatAsync(relay, body(null, false, "A"));
        Map<String, Object> sendA = ext.awaitType("SEND_CHAT_MESSAGE");
        CompletableFuture<TestRelay.HttpResult> b = chatAsync(relay, body(null, false, "B"));
        await(() -> relay.server.chatRouter().queued() == 1, "B queued");
        CompletableFuture<TestRelay.HttpResult> c = chatAsync(relay, body(null, false, "C"));
        await(() -> relay.server.chatRouter().queued() == 2, "C queued");

        TestRelay.HttpResult full = relay.post("/v1/chat/completions", body(null, false, "D"));
        assertEquals(429, full.status());
        assertEquals("queue-full", error(full).get("code"));

        answer(ext, sendA, "a");
        Map<String, Object> sendB = ext.awaitType("SEND_CHAT_MESSAGE");
        assertEquals("B", lastContent(sendB));
        answer(ext, sendB, "b");
        Map<String, Object> sendC = ext.awaitType("SEND_CHAT_MESSAGE");
        assertEquals("C", lastContent(sendC));
        answer(ext, sendC, "c");
        assertEquals("a", content(join(a)));
        assertEquals("b", content(join(b)));
        assertEquals("c", content(join(c)));
    }

    @Test
    void dropRefusesAtOnceAndPolicyChangesApplyLive() {
        relay(b -> b.newRequestBehavior("drop"));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        CompletableFuture<TestRelay.HttpResult> a = chatAsync(relay, body(null, false, "A"));
        Map<String, Object> sendA = ext.awaitType("SEND_CHAT_MESSAGE");
        TestRelay.HttpResult dropped = relay.post("/v1/chat/completions", body(null, false, "B"));
        assertEquals(429, dropped.status());
        assertEquals("tabs-busy", error(dropped).get("code"));
        assertEquals("rate_limit_error", error(dropped).get("type"));

        relay.server.chatPolicy().update(p -> p.withNewRequestBehavior(dev.tabrelay.server.chat.NewRequestBehavior.QUEUE));
        CompletableFuture<TestRelay.HttpResult> b = chatAsync(relay, body(null, false, "B"));
        await(() -> relay.server.chatRouter().queued() == 1, "B queued");
        answer(ext, sendA, "a");
        answer(ext, ext.awaitType("SEND_CHAT_MESSAGE"), "b");
        assertEquals("a", content(join(a)));
        assertEquals("b", content(join(b)));
    }

    @Test
    void noChatExtensionIs503() {
        relay(b -> { });
        TestRelay.HttpResult none = relay.post("/v1/chat/completions", body(null, false, "x"));
        assertEquals(503, none.status());
        assertEquals("no-extension", error(none).get("code"));
        // An extension without the chat capability or models does not count.
        relay.extension("events-only");
        assertEquals(503, relay.post("/v1/chat/completions", body(null, true, "x")).status());
    }

    @Test
    void timeoutIs504AndTheTabIsToldToCancel() {
        relay(b -> b.chatTimeout(Duration.ofMillis(300)));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        long started = System.nanoTime();
        TestRelay.HttpResult result = relay.post("/v1/chat/completions", body(null, false, "slow"));
        assertEquals(504, result.status());
        assertEquals("timeout", error(result).get("code"));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 300);
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
        Map<String, Object> cancel = ext.awaitType("CANCEL_CHAT");
        assertEquals(id, data(cancel).get("requestId"));
        assertEquals("timeout", data(cancel).get("reason"));
        assertEquals("tab-1", metadata(cancel).get("tabId"));
        // A late answer changes nothing and is reported to the extension.
        ext.send(frame("late", "CHAT_RESPONSE", Map.of("requestId", id, "content", "too late"), null));
        assertEquals("unknown-request", data(ext.awaitReply("late", "error")).get("code"));
    }

    @Test
    void streamClientGoneWhileQueuedIsRemoved() throws IOException {
        relay(b -> b.chatKeepAlive(Duration.ofMillis(20)));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        CompletableFuture<TestRelay.HttpResult> a = chatAsync(relay, body(null, false, "A"));
        Map<String, Object> sendA = ext.awaitType("SEND_CHAT_MESSAGE");
        Call queued = relay.http.newCall(new Request.Builder().url(relay.base() + "/v1/chat/completions")
                .post(RequestBody.create(body(null, true, "B"), ChatSupport.JSON_TYPE)).build());
        Response response = queued.execute(); // headers arrive with the first keep-alive comment
        assertEquals(200, response.code());
        assertEquals(1, relay.server.chatRouter().queued());
        response.close();
        queued.cancel();
        await(() -> relay.server.chatRouter().queued() == 0, "the gone client's request to leave the queue");

        CompletableFuture<TestRelay.HttpResult> c = chatAsync(relay, body(null, false, "C"));
        await(() -> relay.server.chatRouter().queued() == 1, "C queued");
        answer(ext, sendA, "a");
        Map<String, Object> next = ext.awaitType("SEND_CHAT_MESSAGE");
        assertEquals("C", lastContent(next)); // B never reached the tab
        answer(ext, next, "c");
        assertEquals("c", content(join(c)));
        assertEquals("a", content(join(a)));
    }

    @Test
    void streamClientGoneWhileRunningCancelsOnTheTab() throws IOException {
        relay(b -> b.chatKeepAlive(Duration.ofMillis(20)));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        Call call = relay.http.newCall(new Request.Builder().url(relay.base() + "/v1/chat/completions")
                .post(RequestBody.create(body(null, true, "A"), ChatSupport.JSON_TYPE)).build());
        CompletableFuture<Response> response = CompletableFuture.supplyAsync(() -> {
            try {
                return call.execute();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, ChatSupport.ASYNC);
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
        chunk(ext, id, "partial", false);
        Response res = join(response);
        assertTrue(nextData(res.body().source()).contains("partial"));
        res.close();
        call.cancel();
        Map<String, Object> cancel = ext.awaitType("CANCEL_CHAT");
        assertEquals(id, data(cancel).get("requestId"));
        assertEquals("client-disconnected", data(cancel).get("reason"));
        await(() -> relay.server.chatRouter().runningCount() == 0, "the tab to be free");
    }

    @Test
    void extensionGoneMidRequestIs502AtOnce() {
        relay(b -> b.chatTimeout(Duration.ofSeconds(60)));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, body(null, false, "x"));
        ext.awaitType("SEND_CHAT_MESSAGE");
        long started = System.nanoTime();
        ext.socket.cancel(); // vanishes without a close frame
        TestRelay.HttpResult result = join(reply);
        assertEquals(502, result.status());
        assertEquals("peer-disconnected", error(result).get("code"));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10);
    }

    @Test
    void extensionErrorIs502WithItsMessage() {
        relay(b -> { });
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, body(null, false, "x"));
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
        ext.send(frame("e1", "CHAT_RESPONSE_ERROR", Map.of("requestId", id, "error", "Could not find any suitable tab"), null));
        TestRelay.HttpResult result = join(reply);
        assertEquals(502, result.status());
        assertEquals("extension-error", error(result).get("code"));
        assertTrue(((String) error(result).get("message")).contains("Could not find any suitable tab"));
    }

    @Test
    void streamFailingAfterHeadersEndsWithAnErrorEvent() {
        relay(b -> b.chatTimeout(Duration.ofSeconds(60)));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        CompletableFuture<TestRelay.HttpResult> reply = chatAsync(relay, body(null, true, "x"));
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
        chunk(ext, id, "part", false);
        ext.send(frame("e1", "CHAT_RESPONSE_ERROR", Map.of("requestId", id, "error", "page crashed"), null));
        TestRelay.HttpResult result = join(reply);
        assertEquals(200, result.status());
        List<String> data = dataLines(result.text());
        Map<String, Object> last = parse(data.get(data.size() - 1));
        assertTrue(((String) ((Map<?, ?>) last.get("error")).get("message")).contains("page crashed"));
        assertFalse(result.text().contains("[DONE]"));
    }

    @Test
    void badRequestsAre400() {
        relay(b -> { });
        chatExtension(relay, "tab-1", null, null);
        List<String> bodies = List.of(
                "not json",
                "[]",
                "{}",
                "{\"messages\":[]}",
                "{\"messages\":\"hello\"}",
                "{\"messages\":[\"hello\"]}",
                "{\"messages\":[{\"content\":\"x\"}]}",
                "{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}",
                "{\"messages\":[{\"role\":5,\"content\":\"x\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":42}]}",
                "{\"messages\":[{\"role\":\"user\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[\"part\"]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"model\":7}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":1.5}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} {\"second\":\"document\"}",
                " \r\n ");
        for (String bad : bodies) {
            TestRelay.HttpResult result = relay.post("/v1/chat/completions", bad);
            assertEquals(400, result.status(), bad + " -> " + result.text());
            assertEquals("invalid_request_error", error(result).get("type"), bad);
            assertTrue(((String) error(result).get("message")).length() > 5, bad);
        }
        // Content parts are fine.
        assertEquals(0, relay.server.chatRouter().queued());
    }

    @Test
    void everyRequestGetsExactlyOneOutcomeWhenAnswersRaceTheTimeout() {
        relay(b -> b.chatTimeout(Duration.ofMillis(15)).maxQueueLength(100));
        WsClient ext = chatExtension(relay, null, null, List.of("r1", "r2", "r3", "r4"));
        int total = 40;
        List<CompletableFuture<TestRelay.HttpResult>> replies = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            replies.add(chatAsync(relay, body(null, false, "race " + i)));
        }
        Set<String> cancelled = java.util.concurrent.ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> {
            int sent = 0;
            while (sent < total) {
                Map<String, Object> f = ext.next();
                if ("SEND_CHAT_MESSAGE".equals(f.get("type"))) {
                    answer(ext, f, "ok");
                    sent++;
                } else if ("CANCEL_CHAT".equals(f.get("type"))) {
                    cancelled.add((String) data(f).get("requestId"));
                }
            }
        }, ChatSupport.ASYNC);
        int ok = 0;
        int timedOut = 0;
        for (CompletableFuture<TestRelay.HttpResult> reply : replies) {
            TestRelay.HttpResult result = join(reply);
            if (result.status() == 200) {
                assertEquals("ok", content(result));
                ok++;
            } else {
                assertEquals(504, result.status(), result.text());
                timedOut++;
            }
        }
        join(answering);
        assertEquals(total, ok + timedOut);
        // Every frame the relay sent before this heartbeat's reply has arrived: count the cancels.
        ext.send(frame("hb", "heartbeat", Map.of(), null));
        while (true) {
            Map<String, Object> f = ext.next();
            if ("hb".equals(f.get("id"))) {
                break;
            }
            if ("CANCEL_CHAT".equals(f.get("type"))) {
                cancelled.add((String) data(f).get("requestId"));
            }
        }
        assertEquals(timedOut, cancelled.size(), "one CANCEL_CHAT per timed-out request, none for answered ones");
        assertEquals(0, relay.server.chatRouter().runningCount());
    }

    @Test
    void shutdownFailsRunningAndQueuedRequestsAndCancelsOnTheTab() {
        relay(b -> b.chatTimeout(Duration.ofSeconds(60)));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        CompletableFuture<TestRelay.HttpResult> running = chatAsync(relay, body(null, false, "A"));
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
        CompletableFuture<TestRelay.HttpResult> queued = chatAsync(relay, body(null, false, "B"));
        await(() -> relay.server.chatRouter().queued() == 1, "B queued");
        relay.server.stop();
        assertEquals(503, join(running).status());
        assertEquals("shutdown", error(join(running)).get("code"));
        assertEquals(503, join(queued).status());
        Map<String, Object> cancel = ext.awaitType("CANCEL_CHAT");
        assertEquals(id, data(cancel).get("requestId"));
        assertEquals("shutdown", data(cancel).get("reason"));
    }

    // --- SSE helpers

    private static String nextData(BufferedSource source) throws IOException {
        while (true) {
            String line = source.readUtf8Line();
            if (line == null) {
                throw new AssertionError("stream ended");
            }
            if (line.startsWith("data: ")) {
                return line.substring("data: ".length());
            }
        }
    }

    /** The next non-blank line of an SSE stream: a {@code data:} line or a comment. */
    private static String nextLine(BufferedSource source) throws IOException {
        while (true) {
            String line = source.readUtf8Line();
            if (line == null) {
                throw new AssertionError("stream ended");
            }
            if (!line.isBlank()) {
                return line;
            }
        }
    }

    private static List<String> dataLines(String text) {
        return text.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        try {
            return (Map<String, Object>) TestRelay.JSON.fromJson(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> choice(Map<String, Object> chunk) {
        return (Map<String, Object>) ((List<Object>) chunk.get("choices")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> delta(Map<String, Object> chunk) {
        return (Map<String, Object>) choice(chunk).get("delta");
    }

    @SuppressWarnings("unchecked")
    private static String lastContent(Map<String, Object> send) {
        List<Object> messages = (List<Object>) data(send).get("messages");
        return (String) ((Map<String, Object>) messages.get(messages.size() - 1)).get("content");
    }
}
