package dev.tabrelay.server;

import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static org.junit.jupiter.api.Assertions.fail;

/** Helpers for chat tests: fake chat extensions, async HTTP calls, and condition waits without fixed sleeps. */
final class ChatSupport {

    static final MediaType JSON_TYPE = MediaType.get("application/json");

    /** A thread per task: the common pool may have a single thread, which would serialise concurrent calls. */
    static final java.util.concurrent.Executor ASYNC = r -> Thread.ofVirtual().start(r);

    private ChatSupport() {
    }

    /** A canonical extension that answers chat for the given tabs and models; connection-ack consumed. */
    static WsClient chatExtension(TestRelay relay, String tabId, List<String> models, List<String> tabs) {
        WsClient ext = relay.connect("/extension-ws", "tabrelay-extension-v1");
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("clientType", "chrome-extension");
        init.put("version", "1.0.0");
        init.put("capabilities", List.of("chat"));
        if (tabId != null) {
            init.put("tabId", tabId);
        }
        if (tabs != null) {
            init.put("tabs", tabs.stream().map(t -> Map.of("tabId", t)).toList());
        }
        if (models != null) {
            init.put("models", models.stream().map(m -> Map.of("id", m, "ownedBy", "test")).toList());
        }
        ext.send(frame("init-" + relay.nextId(), "connection-init", init, null));
        ext.sessionId = (String) data(ext.awaitType("connection-ack")).get("sessionId");
        return ext;
    }

    static String body(String model, boolean stream, String content) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (model != null) {
            body.put("model", model);
        }
        body.put("messages", List.of(Map.of("role", "system", "content", "be brief"), Map.of("role", "user", "content", content)));
        body.put("stream", stream);
        return TestRelay.JSON.toJson(body);
    }

    static CompletableFuture<TestRelay.HttpResult> postAsync(TestRelay relay, String base, String json) {
        Request request = new Request.Builder().url(base + "/v1/chat/completions")
                .post(RequestBody.create(json, JSON_TYPE)).build();
        return CompletableFuture.supplyAsync(() -> relay.call(request), ASYNC);
    }

    static CompletableFuture<TestRelay.HttpResult> chatAsync(TestRelay relay, String json) {
        return postAsync(relay, relay.base(), json);
    }

    /** Replies to a SEND_CHAT_MESSAGE with a whole answer. */
    static void answer(WsClient ext, Map<String, Object> send, String content) {
        String requestId = (String) data(send).get("requestId");
        ext.send(frame("r-" + requestId, "CHAT_RESPONSE", Map.of("requestId", requestId, "content", content), null));
    }

    static void chunk(WsClient ext, String requestId, String delta, boolean last) {
        ext.send(frame("c-" + System.nanoTime(), "CHAT_RESPONSE_CHUNK",
                Map.of("requestId", requestId, "delta", delta, "isFinal", last), null));
    }

    static String requestId(Map<String, Object> send) {
        return (String) data(send).get("requestId");
    }

    /** Waits for a condition the test cannot be told about (internal queue state); fails after 10 s. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // polling, not synchronisation
        }
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static String content(TestRelay.HttpResult result) {
        Map<String, Object> choice = (Map<String, Object>) ((List<Object>) result.object().get("choices")).get(0);
        return (String) ((Map<String, Object>) choice.get("message")).get("content");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> error(TestRelay.HttpResult result) {
        return (Map<String, Object>) result.object().get("error");
    }
}
