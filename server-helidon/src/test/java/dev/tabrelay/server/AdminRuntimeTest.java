package dev.tabrelay.server;

import dev.tabrelay.server.admin.SettingsFileException;
import dev.tabrelay.server.admin.SettingsStore;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The runtime as Main runs it: persisted settings at start-up, corrupt files, and the in-process restart. */
class AdminRuntimeTest {

    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();
    private final BlockingQueue<String> listening = new LinkedBlockingQueue<>();
    private Path dataDir;
    private RelayRuntime runtime;

    @BeforeEach
    void dataDir() throws IOException {
        dataDir = Files.createTempDirectory("tabrelay-admin");
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.stop();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private RelayRuntime start(Set<String> explicit, Consumer<ServerConfig.Builder> settings) {
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .shutdownGrace(Duration.ofSeconds(2));
        settings.accept(builder);
        runtime = RelayRuntime.start(builder.build(), explicit, server -> listening.addAll(Main.listeningLines(server)));
        return runtime;
    }

    private String base() {
        return "http://127.0.0.1:" + runtime.current().port();
    }

    @Test
    void persistedSettingsWinOverConfigButNotOverFlagsOrEnvironment() throws IOException {
        Files.writeString(dataDir.resolve(SettingsStore.FILE_NAME), """
                {"requestTimeoutMs": 7000, "newRequestBehavior": "drop", "maxQueueLength": 5,
                 "historyLimit": 10, "recordMessageText": true}
                """);
        start(Set.of("max-queue-length"), b -> b.chatTimeout(Duration.ofSeconds(30)).maxQueueLength(9));
        var policy = runtime.current().chatPolicy().get();
        assertEquals(Duration.ofMillis(7000), policy.requestTimeout());
        assertEquals("drop", policy.newRequestBehavior().wireName());
        assertEquals(9, policy.maxQueueLength(), "the flag wins over the persisted value");
        assertEquals(10, runtime.admin().history().capacity());
        assertEquals(true, runtime.admin().settings().get().recordMessageText());
        Map<String, Object> info = get(base() + "/v1/admin/server-info");
        assertEquals(7000.0, info.get("requestTimeoutMs"));
        assertEquals(9.0, info.get("maxQueueLength"));
    }

    @Test
    void explicitFlagsAreReportedAsExplicitByTheLoader() {
        ConfigLoader.Result result = ConfigLoader.load(List.of("--port", "0", "--chat-timeout-ms", "900"),
                Map.of("TABRELAY_NEW_REQUEST_BEHAVIOR", "drop"));
        assertEquals(Set.of("port", "chat-timeout-ms", "new-request-behavior"), result.explicit());
    }

    @Test
    void corruptOrInvalidSettingsFileStopsStartUpNamingTheFileAndTheProblem() throws IOException {
        Path file = dataDir.resolve(SettingsStore.FILE_NAME);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"port\": 3025,", "not valid JSON");
        cases.put("", "it is empty");
        cases.put("[1, 2]", "must hold a JSON object");
        cases.put("{\"port\": \"3025\"}", "port must be a whole number from 0 to 65535");
        cases.put("{\"newRequestBehavior\": \"lifo\", \"colour\": 1}", "unknown setting 'colour'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Files.writeString(file, c.getKey());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(List.of("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()),
                    Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, message);
            assertTrue(message.contains(file.toAbsolutePath().toString()), message);
            assertTrue(message.contains(c.getValue()), c.getKey() + " -> " + message);
            assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing listens");
        }
        SettingsFileException thrown = assertThrows(SettingsFileException.class, () -> start(Set.of(), b -> { }));
        assertTrue(thrown.getMessage().contains("unknown setting 'colour'"));
        assertTrue(thrown.getMessage().contains("newRequestBehavior must be \"queue\" or \"drop\""), thrown.getMessage());
    }

    @Test
    void restartMovesToTheNewPortFailsRequestsInFlightAndKeepsSettingsAndHistory() throws Exception {
        start(Set.of(), b -> { });
        int oldPort = runtime.current().port();
        assertEquals("listening on http://127.0.0.1:" + oldPort + " (tabrelay)", listening.poll(5, TimeUnit.SECONDS));
        String oldBase = base();

        WsClient ext = WsClient.connect(http, "ws://127.0.0.1:" + oldPort + "/extension-ws",
                new String[]{"tabrelay-extension-v1"}, null);
        ext.send(frame("init-1", "connection-init", Map.of("clientType", "chrome-extension", "version", "1.0.0",
                "capabilities", List.of("chat"), "tabId", "tab-1"), null));
        ext.awaitType("connection-ack");
        CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return http.newCall(new Request.Builder().url(oldBase + "/v1/chat/completions")
                        .post(okhttp3.RequestBody.create(ChatSupport.body(null, false, "long one"), ChatSupport.JSON_TYPE))
                        .build()).execute();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, ChatSupport.ASYNC);
        ext.awaitType("SEND_CHAT_MESSAGE");

        int newPort = freePort();
        assertEquals(200, post(oldBase + "/v1/admin/update-settings",
                "{\"port\":" + newPort + ",\"requestTimeoutMs\":4321}").code);
        Posted restart = post(oldBase + "/v1/admin/restart-server", "");
        assertEquals(202, restart.code, restart.body);
        Map<String, Object> answer = object(restart.body);
        assertEquals(true, answer.get("restarting"));
        assertEquals((double) newPort, answer.get("port"));

        try (Response failed = inFlight.get(15, TimeUnit.SECONDS)) {
            assertEquals(503, failed.code());
            String body = failed.body().string();
            assertTrue(body.contains("restarting"), body);
            assertTrue(body.contains("\"code\":\"shutdown\""), body);
        }
        Map<String, Object> close = ext.awaitType("connection-close");
        assertEquals("server-restart", data(close).get("reason"));

        assertEquals("listening on http://127.0.0.1:" + newPort + " (tabrelay)", listening.poll(15, TimeUnit.SECONDS));
        assertEquals(newPort, runtime.current().port());
        assertThrows(IOException.class, () -> {
            try (Response ignored = http.newCall(new Request.Builder().url(oldBase + "/health").build()).execute()) {
                fail("the old port still answers");
            }
        });
        Map<String, Object> health = get(base() + "/health");
        assertEquals("ok", health.get("status"));
        Map<String, Object> info = get(base() + "/v1/admin/server-info");
        assertEquals((double) newPort, info.get("port"));
        assertEquals(false, info.get("restartRequired"));
        assertEquals(4321.0, info.get("requestTimeoutMs"));
        assertEquals(Duration.ofMillis(4321), runtime.current().chatPolicy().get().requestTimeout());
        assertEquals((double) newPort, object(Files.readString(dataDir.resolve(SettingsStore.FILE_NAME))).get("port"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) get(base() + "/v1/admin/message-history").get("data");
        List<Object> types = history.stream().map(e -> e.get("type")).toList();
        assertTrue(types.contains("SERVER_RESTART"), types.toString());
        assertTrue(types.contains("CHAT_REQUEST_ERROR"), "history survived the restart: " + types);
        assertNotEquals(oldPort, newPort);
    }

    @Test
    void restartWithUnchangedSettingsServesAgain() throws Exception {
        start(Set.of(), b -> { });
        listening.poll(5, TimeUnit.SECONDS);
        int port = freePort();
        post(base() + "/v1/admin/update-settings", "{\"port\":" + port + "}");
        post(base() + "/v1/admin/restart-server", "");
        assertEquals("listening on http://127.0.0.1:" + port + " (tabrelay)", listening.poll(15, TimeUnit.SECONDS));
        Posted again = post(base() + "/v1/admin/restart-server", "");
        assertEquals(202, again.code);
        assertEquals("listening on http://127.0.0.1:" + port + " (tabrelay)", listening.poll(15, TimeUnit.SECONDS),
                "the same port is bound again");
        assertEquals("ok", get(base() + "/health").get("status"));
    }

    @Test
    void aRestartOntoATakenPortFallsBackToThePreviousConfig() throws Exception {
        start(Set.of(), b -> { });
        listening.poll(5, TimeUnit.SECONDS);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            post(base() + "/v1/admin/update-settings", "{\"port\":" + taken.getLocalPort() + "}");
            assertEquals(202, post(base() + "/v1/admin/restart-server", "").code);
            String line = listening.poll(15, TimeUnit.SECONDS);
            assertTrue(line != null && line.startsWith("listening on http://127.0.0.1:"), String.valueOf(line));
            assertNotEquals(taken.getLocalPort(), runtime.current().port());
            assertEquals("listening on http://127.0.0.1:" + runtime.current().port() + " (tabrelay)", line);
            assertEquals("ok", get(base() + "/health").get("status"));
            assertTrue(runtime.current().isRunning());
            assertTrue(!runtime.stopped().isDone());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> history = (List<Map<String, Object>>) get(base()
                    + "/v1/admin/message-history?type=SERVER_RESTART").get("data");
            assertTrue(String.valueOf(history.get(0).get("detail")).contains("failed"), history.toString());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private record Posted(int code, String body) {
    }

    private Posted post(String url, String json) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url)
                .post(okhttp3.RequestBody.create(json, ChatSupport.JSON_TYPE)).build()).execute()) {
            return new Posted(response.code(), response.body().string());
        }
    }

    private Map<String, Object> get(String url) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
            assertEquals(200, response.code());
            return object(response.body().string());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) throws IOException {
        return (Map<String, Object>) TestRelay.JSON.fromJson(json);
    }
}
