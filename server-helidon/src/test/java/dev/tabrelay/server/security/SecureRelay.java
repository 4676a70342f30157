package dev.tabrelay.server.security;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.tabrelay.server.RelayServer;
import dev.tabrelay.server.ServerConfig;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A relay on 127.0.0.1 (pairing on by default) and OkHttp helpers that forge what a test needs: OkHttp keeps a
 * caller's own {@code Host} and {@code Origin} headers, on plain requests and on WebSocket upgrades alike.
 */
final class SecureRelay implements AutoCloseable {

    static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);
    static final MediaType JSON_TYPE = MediaType.get("application/json");

    final RelayServer server;
    final Path dataDir;
    final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    SecureRelay(Consumer<ServerConfig.Builder> settings) {
        try {
            dataDir = Files.createTempDirectory("tabrelay-sec").resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .shutdownGrace(Duration.ofSeconds(2));
        settings.accept(builder);
        server = RelayServer.start(builder.build());
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    String token() {
        return server.pairingTokens().current().hex();
    }

    /** A response, read whole. */
    record Reply(int code, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) SecureRelay.parse(body);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> error() {
            return (Map<String, Object>) json().get("error");
        }
    }

    Reply get(String path, String... headers) {
        return call("GET", path, null, headers);
    }

    Reply post(String path, String body, String... headers) {
        return call("POST", path, body == null ? "" : body, headers);
    }

    /** {@code headers} are name, value pairs. */
    Reply call(String method, String path, String body, String... headers) {
        Request.Builder request = new Request.Builder().url(base() + path)
                .method(method, body == null ? null : RequestBody.create(body, JSON_TYPE));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            return new Reply(response.code(), response.headers().toMultimap(), response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A WebSocket whose every callback lands in a queue. */
    static final class Probe extends WebSocketListener {
        record Event(String kind, String text, int code, Response response) {
        }

        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        WebSocket socket;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            events.add(new Event("open", null, response.code(), null));
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            events.add(new Event("message", text, 0, null));
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            events.add(new Event("closing", reason, code, null));
            webSocket.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            events.add(new Event("failure", String.valueOf(t), response == null ? -1 : response.code(), response));
        }

        Event next() {
            try {
                Event event = events.poll(20, TimeUnit.SECONDS);
                if (event == null) {
                    throw new AssertionError("no WebSocket event within 20 s");
                }
                return event;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** The next event that is not a message of another type; fails if the socket ends first. */
        @SuppressWarnings("unchecked")
        Map<String, Object> awaitType(String type) {
            while (true) {
                Event event = next();
                if (event.kind().equals("open")) {
                    continue;
                }
                if (!event.kind().equals("message")) {
                    throw new AssertionError("expected a " + type + " frame, got " + event);
                }
                Map<String, Object> frame = (Map<String, Object>) parse(event.text());
                if (type.equals(frame.get("type"))) {
                    return frame;
                }
            }
        }

        /** The close the server sent (skipping frames before it). */
        Event awaitClose() {
            while (true) {
                Event event = next();
                if (event.kind().equals("closing") || event.kind().equals("failure")) {
                    return event;
                }
            }
        }

        void send(String text) {
            socket.send(text);
        }

        void close() {
            socket.close(1000, null);
        }
    }

    /** Starts an upgrade; the first event is "open" (code 101) or "failure" (with the HTTP status). */
    Probe ws(String path, String... headers) {
        Request.Builder request = new Request.Builder().url("ws://127.0.0.1:" + server.port() + path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        Probe probe = new Probe();
        probe.socket = http.newWebSocket(request.build(), probe);
        return probe;
    }

    /** A canonical frame. */
    static String frame(String id, String type, Map<String, Object> data, Map<String, Object> metadata) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("id", id);
        frame.put("type", type);
        frame.put("timestamp", System.currentTimeMillis());
        frame.put("data", data);
        if (metadata != null) {
            frame.put("metadata", metadata);
        }
        return JSON.toJson(frame);
    }

    static String init(String id, String tabId, String pairingToken) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("clientType", "chrome-extension");
        data.put("version", "1.0.0");
        data.put("capabilities", List.of("console-capture", "network-capture", "screenshot-capture"));
        data.put("tabId", tabId);
        if (pairingToken != null) {
            data.put("pairingToken", pairingToken);
        }
        return frame(id, "connection-init", data, null);
    }

    static Object parse(String text) {
        try {
            return JSON.fromJson(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
