package dev.tabrelay.client;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * STAND-IN until the relay's chat and admin API lands: canned OpenAI / Chat Relay shaped answers on real
 * sockets. A prompt containing "busy" gets Chat Relay's 429, "boom" an error inside the event stream.
 */
public final class ChatApiStandIn implements AutoCloseable {

    /** Bodies of chat requests, in arrival order. */
    public final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();
    private final StandIn server = new StandIn(List.of(), this::routes);

    public String url() {
        return server.url();
    }

    private void routes(HttpRouting.Builder routing) {
        routing.post("/v1/chat/completions", this::chat)
                .get("/v1/models", (req, res) -> json(res, """
                        {"object":"list","data":[{"id":"gemini-pro","object":"model","created":1677610602,"owned_by":"relay"},
                        {"id":"claude-3","object":"model","created":1677610602,"owned_by":"relay"}]}"""))
                .get("/v1/admin/server-info", (req, res) -> json(res, """
                        {"port":3903,"requestTimeoutMs":4000,"newRequestBehavior":"queue","pingIntervalMs":null,
                        "connectedExtensionsCount":0,"uptimeSeconds":42}"""))
                .post("/v1/admin/update-settings", (req, res) -> {
                    String body = req.content().as(String.class);
                    if (body.contains("\"newRequestBehavior\":\"sometimes\"")) {
                        res.status(Status.BAD_REQUEST_400);
                        json(res, "{\"error\":\"Invalid newRequestBehavior value. Must be 'queue' or 'drop'.\"}");
                        return;
                    }
                    json(res, "{\"message\":\"Request timeout updated in memory to 60000ms.\"}");
                })
                .get("/v1/admin/message-history", (req, res) -> json(res, """
                        [{"timestamp":"2026-01-01T00:00:01.000Z","type":"CHAT_RESPONSE_SENT","requestId":"2",
                          "data":{"status":"Success"}},
                         {"timestamp":"2026-01-01T00:00:00.000Z","type":"CHAT_REQUEST_RECEIVED","requestId":"2",
                          "data":{"fromClient":"hello"}}]"""))
                .post("/v1/admin/restart-server", (req, res) -> json(res,
                        "{\"message\":\"Restart should be handled by nodemon if .env file changes.\"}"));
    }

    private void chat(ServerRequest req, ServerResponse res) {
        String body = req.content().as(String.class);
        bodies.add(body);
        req.headers().first(HeaderNames.AUTHORIZATION).ifPresent(authorizations::add);
        if (body.contains("busy")) {
            res.status(Status.TOO_MANY_REQUESTS_429);
            json(res, "{\"error\":{\"message\":\"Too Many Requests: Extension busy.\",\"type\":\"client_error\","
                    + "\"code\":\"extension_busy_request_dropped\"}}");
            return;
        }
        if (!body.contains("\"stream\":true")) {
            json(res, """
                    {"id":"chatcmpl-1","object":"chat.completion","created":1795301064,"model":"gpt-x",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"final answer for hello"},
                     "finish_reason":"stop"}],"usage":{"prompt_tokens":-1,"completion_tokens":-1,"total_tokens":-1}}""");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        try (OutputStream out = res.outputStream()) {
            String id = "\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-x\"";
            write(out, ": keep-alive comment\n\n");
            write(out, "data: {" + id + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n");
            if (body.contains("boom")) {
                write(out, "data: {\"error\":{\"message\":\"the tab went away\",\"type\":\"server_error\",\"code\":\"peer-disconnected\"}}\n\n");
                return;
            }
            write(out, "data: {" + id + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo!\"},\"finish_reason\":null}]}\n\n");
            write(out, "data: {" + id + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
            write(out, "data: [DONE]\n\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void json(ServerResponse res, String body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(body);
    }

    @Override
    public void close() {
        server.close();
    }
}
