package dev.tabrelay.server.chat;

import dev.tabrelay.protocol.control.ModelInfo;
import dev.tabrelay.server.http.ClientWatch;
import dev.tabrelay.server.http.HttpErrors;
import dev.tabrelay.server.http.Json;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OpenAI-compatible HTTP API: {@code POST /v1/chat/completions} (plain or streamed) and {@code GET /v1/models}.
 * The request's handler thread owns its response: it reads the call's events and writes them, so nothing else
 * ever blocks on a slow client. A plain request's client is watched while it waits ({@link ClientWatch}): if it
 * leaves, a queued request leaves the queue and a running one is cancelled on its tab. The same routes serve the main port and the legacy listeners; on Browcall's API
 * port ({@link Flavor#BROWCALL}) {@code outputFormat} is accepted and the answer also carries Browcall's
 * {@code data.text} field.
 */
public final class ChatRoutes {

    /** Which API dialect a listener speaks. */
    public enum Flavor { OPENAI, BROWCALL }

    private static final System.Logger LOG = System.getLogger(ChatRoutes.class.getName());

    private final ChatRouter router;
    private final Json json;
    private final HttpErrors errors;
    private final Clock clock;
    private final Duration keepAlive;
    private final Flavor flavor;
    private final ChatRequestParser parser;
    private final ClientWatch clients;

    /**
     * @param keepAlive how long a stream may stay silent before a comment line checks that the client is there
     * @param clients   notices plain requests' clients that leave (its HTTP/1 config must be on the listener)
     */
    public ChatRoutes(ChatRouter router, Json json, HttpErrors errors, Clock clock, Duration keepAlive, Flavor flavor,
                      ClientWatch clients) {
        this.router = router;
        this.clients = clients;
        this.json = json;
        this.errors = errors;
        this.clock = clock;
        this.keepAlive = keepAlive;
        this.flavor = flavor;
        this.parser = new ChatRequestParser(flavor == Flavor.BROWCALL);
    }

    public void register(HttpRouting.Builder routing) {
        routing.post("/v1/chat/completions", this::completions)
                .get("/v1/models", this::models);
    }

    private void completions(ServerRequest req, ServerResponse res) {
        ChatCompletionRequest request;
        try {
            request = parser.parse(json.readObject(req.content().hasEntity() ? req.content().as(String.class) : ""));
        } catch (Json.BadRequest e) {
            errors.badRequest(res, e.getMessage());
            return;
        }
        ChatCall call = new ChatCall("chatcmpl-" + UUID.randomUUID().toString().replace("-", ""), request,
                clock.millis() / 1000);
        Optional<ChatError> refused = router.submit(call);
        if (refused.isPresent()) {
            send(res, refused.get());
            return;
        }
        try {
            if (request.stream()) {
                stream(call, res);
            } else {
                whole(call, clients.watch(req, () -> router.cancel(call)), res);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            router.cancel(call);
        }
    }

    /**
     * Non-streamed: wait for the outcome. The watch cancels the call when the client leaves; a watched response
     * then ends its connection (the watch throws Helidon's CloseConnectionException after sending).
     */
    private void whole(ChatCall call, ClientWatch.Watch watch, ServerResponse res) throws InterruptedException {
        while (true) {
            ChatEvent event = call.next(Duration.ofSeconds(30));
            if (event instanceof ChatEvent.Completed done) {
                Map<String, Object> body = OpenAiShapes.completion(call, done);
                if (flavor == Flavor.BROWCALL) {
                    body.put("data", Map.of("text", done.content()));
                }
                watch.respond(res, r -> json.send(r, body));
                return;
            }
            if (event instanceof ChatEvent.Failed failed) {
                if (failed.error().status() == ChatError.CLIENT_CLOSED) {
                    watch.abandon();
                }
                watch.respond(res, r -> send(r, failed.error()));
                return;
            }
        }
    }

    private void stream(ChatCall call, ServerResponse res) throws InterruptedException {
        boolean roleSent = false;
        try (SseStream sse = new SseStream(res)) {
            while (true) {
                ChatEvent event = call.next(keepAlive);
                if (event == null) {
                    sse.comment("waiting");
                } else if (event instanceof ChatEvent.Delta delta) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    if (!roleSent) {
                        body.put("role", "assistant");
                        roleSent = true;
                    }
                    body.put("content", delta.text());
                    sse.data(json.write(OpenAiShapes.chunk(call, body, null, null)));
                } else if (event instanceof ChatEvent.Completed done) {
                    if (!roleSent) {
                        sse.data(json.write(OpenAiShapes.chunk(call, Map.of("role", "assistant", "content", ""), null, done.model())));
                    }
                    sse.data(json.write(OpenAiShapes.chunk(call, Map.of(), done.finishReason(), done.model())));
                    if (call.request().includeUsage()) {
                        sse.data(json.write(OpenAiShapes.usageChunk(call, done)));
                    }
                    sse.data("[DONE]");
                    return;
                } else if (event instanceof ChatEvent.Failed failed) {
                    if (failed.error().status() == ChatError.CLIENT_CLOSED) {
                        return;
                    }
                    if (!sse.started()) {
                        send(res, failed.error());
                    } else {
                        // Headers are gone: the OpenAI way to fail mid-stream is an error event, then the end.
                        sse.data(json.write(OpenAiShapes.error(failed.error())));
                    }
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // A failed write (Helidon wraps socket errors in unchecked exceptions): the client is gone.
            LOG.log(System.Logger.Level.DEBUG, "stream of " + call.id() + " ended: " + e);
            router.cancel(call);
        }
    }

    private void models(ServerRequest req, ServerResponse res) {
        List<Object> data = new ArrayList<>();
        for (ModelInfo model : router.models()) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("id", model.id());
            value.put("object", "model");
            value.put("created", 0);
            value.put("owned_by", model.ownedBy() == null ? "tabrelay" : model.ownedBy());
            data.add(value);
        }
        json.send(res, Map.of("object", "list", "data", data));
    }

    private void send(ServerResponse res, ChatError error) {
        errors.send(res, error.status(), error.type(), error.code(), error.message());
    }
}
