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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The OpenAI-compatible HTTP API: {@code POST /v1/chat/completions} (plain or streamed) and {@code GET /v1/models}.
 * The request's handler thread owns its response: it reads the call's events and writes them, so nothing else
 * ever blocks on a slow client. A plain request whose answer is not there within {@link #WATCH_GRACE} has its
 * client watched while it waits ({@link ClientWatch}): if it leaves, a queued request leaves the queue and a
 * running one is cancelled on its tab. The same routes serve the main port and the legacy listeners; on Browcall's API
 * port ({@link Flavor#BROWCALL}) {@code outputFormat} is accepted and the answer also carries Browcall's
 * {@code data.text} field.
 */
public final class ChatRoutes {

    /** Which API dialect a listener speaks. */
    public enum Flavor { OPENAI, BROWCALL }

    private static final System.Logger LOG = System.getLogger(ChatRoutes.class.getName());

    /**
     * How long a plain request waits for its answer before its client is watched. A watched response must close
     * its connection (see {@link ClientWatch}), so watching every request would cost each one a new TCP connection;
     * an answer within this grace keeps the connection alive. A client gone during the grace is still noticed as
     * soon as the watch starts (its first read sees the EOF at once), so a leaving client costs at most this much
     * tab time. 250 ms: far above a relayed answer's usual latency (about a millisecond) and below a real model's
     * (seconds). It was 30 ms; then a 150 ms stall of the relay (GC, a busy host) at 4,000 requests a second got
     * hundreds of waiting requests watched, each answer closed its connection, and the clients' reconnects (4,000
     * and more in a 7 s window) kept the relay overloaded long after the stall: queue full, 429s for seconds.
     * With 250 ms the same stall cost 3 new connections and the relay recovered at once (session 5).
     */
    static final Duration WATCH_GRACE = Duration.ofMillis(250);

    private final ChatRouter router;
    private final Json json;
    private final HttpErrors errors;
    private final Clock clock;
    private final Duration keepAlive;
    private final Flavor flavor;
    private final ChatRequestParser parser;
    private final ClientWatch clients;
    private final ScheduledExecutorService timers;

    /**
     * @param keepAlive how long a stream may stay silent before a comment line checks that the client is there
     * @param clients   notices plain requests' clients that leave (its HTTP/1 config must be on the listener)
     * @param timers    runs the handlers' timers (watch grace, keep-alive); a platform-thread scheduler that does
     *                  not wake per timer, e.g. a {@code ScheduledThreadPoolExecutor} that removes cancelled ones
     */
    public ChatRoutes(ChatRouter router, Json json, HttpErrors errors, Clock clock, Duration keepAlive, Flavor flavor,
                      ClientWatch clients, ScheduledExecutorService timers) {
        this.router = router;
        this.timers = timers;
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
            request = parser.parse(json.readObject(req));
        } catch (Json.BadRequest e) {
            errors.badRequest(res, e.getMessage());
            return;
        }
        ChatCall call = new ChatCall(newId(), request, clock.millis());
        Optional<ChatError> refused = router.submit(call);
        if (refused.isPresent()) {
            send(res, refused.get());
            return;
        }
        try {
            if (request.stream()) {
                stream(call, res);
            } else {
                whole(call, req, res);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            router.cancel(call);
        }
    }

    /**
     * Non-streamed: wait for the outcome. After {@link #WATCH_GRACE} (a timer's tick) the client is watched, and
     * the watch cancels the call when the client leaves; a watched response then ends its connection (the watch
     * throws Helidon's CloseConnectionException after sending). An answer within the grace goes out unwatched, on
     * a kept-alive connection.
     */
    private void whole(ChatCall call, ServerRequest req, ServerResponse res) throws InterruptedException {
        ClientWatch.Watch watch = ClientWatch.Watch.NONE;
        Future<?> grace = tickAfter(call, WATCH_GRACE.toNanos());
        try {
            while (true) {
                ChatEvent event = call.next();
                if (event instanceof ChatEvent.Tick) {
                    // The one tick: watch() may give NONE (not HTTP/1), then the answer is just awaited.
                    watch = clients.watch(req, () -> router.cancel(call));
                } else if (event instanceof ChatEvent.Completed done) {
                    Map<String, Object> body = OpenAiShapes.completion(call, done);
                    if (flavor == Flavor.BROWCALL) {
                        body.put("data", Map.of("text", done.content()));
                    }
                    watch.respond(res, r -> json.send(r, body));
                    return;
                } else if (event instanceof ChatEvent.Failed failed) {
                    if (failed.error().status() == ChatError.CLIENT_CLOSED) {
                        watch.abandon();
                    }
                    watch.respond(res, r -> send(r, failed.error()));
                    return;
                }
            }
        } finally {
            grace.cancel(false);
        }
    }

    /**
     * Streamed: deltas as they come, flushed when nothing else waits. A stream silent for {@code keepAlive} gets a
     * comment line; one timer at a time checks for that (a tick at the end of the silence), not one per event.
     */
    private void stream(ChatCall call, ServerResponse res) throws InterruptedException {
        boolean roleSent = false;
        long keepAliveNanos = keepAlive.toNanos();
        long lastWrite = System.nanoTime();
        Future<?> silence = tickAfter(call, keepAliveNanos);
        try (SseStream sse = new SseStream(res)) {
            while (true) {
                // Flush only when nothing else is waiting: deltas that arrived together leave in one write.
                ChatEvent event = call.poll();
                if (event == null) {
                    sse.flush();
                    event = call.next();
                }
                if (event instanceof ChatEvent.Tick) {
                    long silent = System.nanoTime() - lastWrite;
                    if (silent >= keepAliveNanos) {
                        sse.comment("waiting");
                        router.keepAliveSent();
                        lastWrite = System.nanoTime();
                        silent = 0;
                    }
                    silence = tickAfter(call, keepAliveNanos - silent);
                    continue;
                }
                lastWrite = System.nanoTime();
                if (event instanceof ChatEvent.Delta delta) {
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
                    sse.flush();
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
                        sse.flush();
                    }
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // A failed write (Helidon wraps socket errors in unchecked exceptions): the client is gone.
            LOG.log(System.Logger.Level.DEBUG, "stream of " + call.id() + " ended: " + e);
            router.cancel(call);
        } finally {
            silence.cancel(false);
        }
    }

    /**
     * A {@link ChatEvent.Tick} for the call after {@code nanos}. None once the timers have stopped: the relay is
     * stopping, and every call ends in its shutdown failure.
     */
    private Future<?> tickAfter(ChatCall call, long nanos) {
        try {
            return timers.schedule(call::tick, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.completedFuture(null);
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

    /**
     * A completion id: {@code chatcmpl-} and 32 random hex digits. It authorises nothing (replies are matched per
     * extension connection), so a fast random source: {@code UUID.randomUUID()}'s SecureRandom showed in every
     * request's profile.
     */
    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "chatcmpl-" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    }

    private void send(ServerResponse res, ChatError error) {
        errors.send(res, error.status(), error.type(), error.code(), error.message());
    }
}
