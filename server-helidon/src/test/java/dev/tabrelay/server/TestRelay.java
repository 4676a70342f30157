package dev.tabrelay.server;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** A relay on 127.0.0.1 and an ephemeral port, plus OkHttp helpers; one per test class (or test). */
final class TestRelay implements AutoCloseable {

    static final Moshi MOSHI = new Moshi.Builder().build();
    static final JsonAdapter<Object> JSON = MOSHI.adapter(Object.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    final RelayServer server;
    final Path dataDir;
    final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();
    private final AtomicLong ids = new AtomicLong();

    TestRelay(Consumer<ServerConfig.Builder> settings) {
        try {
            dataDir = Files.createTempDirectory("tabrelay-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .shutdownGrace(Duration.ofSeconds(2));
        settings.accept(builder);
        server = RelayServer.start(builder.build());
    }

    TestRelay() {
        this(b -> { });
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    WsClient connect(String path, String... subprotocols) {
        return WsClient.connect(http, "ws://127.0.0.1:" + server.port() + path, subprotocols, null);
    }

    WsClient connectPinging(String path, Duration pingInterval, String... subprotocols) {
        return WsClient.connect(http, "ws://127.0.0.1:" + server.port() + path, subprotocols, pingInterval);
    }

    /** An extension that completed connection-init for one tab; returns it with the ack consumed. */
    WsClient extension(String tabId) {
        WsClient ext = connect("/extension-ws", "rapidtriage-extension-v1");
        ext.send(frame("init-" + tabId, "connection-init", Map.of("clientType", "chrome-extension", "version", "1.0.0",
                "capabilities", List.of("console-capture", "screenshot-capture"), "tabId", tabId), null));
        Map<String, Object> ack = ext.awaitType("connection-ack");
        ext.sessionId = (String) data(ack).get("sessionId");
        return ext;
    }

    /** An MCP client whose subscription has been acknowledged (so later events are guaranteed to reach it). */
    WsClient mcp(Map<String, Object> subscribe) {
        WsClient mcp = connect("/mcp-ws", "mcp-server-v1");
        String id = nextId();
        mcp.send(frame(id, "subscribe", subscribe, null));
        mcp.awaitReply(id, "ack");
        return mcp;
    }

    String nextId() {
        return "t" + ids.incrementAndGet();
    }

    static String frame(String id, String type, Object data, Map<String, Object> metadata) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("id", id);
        frame.put("type", type);
        frame.put("timestamp", System.currentTimeMillis());
        if (data != null) {
            frame.put("data", data);
        }
        if (metadata != null) {
            frame.put("metadata", metadata);
        }
        return JSON.toJson(frame);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> frame) {
        return (Map<String, Object>) frame.get("data");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> frame) {
        return (Map<String, Object>) frame.get("metadata");
    }

    HttpResult get(String path) {
        return call(new Request.Builder().url(base() + path).build());
    }

    HttpResult post(String path, String json) {
        return call(new Request.Builder().url(base() + path).post(RequestBody.create(json == null ? "" : json, JSON_TYPE)).build());
    }

    HttpResult delete(String path) {
        return call(new Request.Builder().url(base() + path).delete().build());
    }

    HttpResult call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return new HttpResult(response.code(), response.header("Content-Type"), response.body().bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record HttpResult(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        Object json() {
            try {
                return JSON.fromJson(text());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) json();
        }

        @SuppressWarnings("unchecked")
        List<Object> array() {
            return (List<Object>) json();
        }
    }

    @Override
    public void close() {
        server.stop();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        try {
            http.dispatcher().executorService().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
