package dev.tabrelay.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.tabrelay.client.http.ChatCompletion;
import dev.tabrelay.client.http.ChatCompletionChunk;
import dev.tabrelay.client.http.ChatCompletionRequest;
import dev.tabrelay.client.http.ExtensionSession;
import dev.tabrelay.client.http.Health;
import dev.tabrelay.client.http.HistoryEntry;
import dev.tabrelay.client.http.LogEntry;
import dev.tabrelay.client.http.LogPage;
import dev.tabrelay.client.http.LogQuery;
import dev.tabrelay.client.http.Model;
import dev.tabrelay.client.http.ServerInfo;
import dev.tabrelay.client.http.SettingsUpdate;
import dev.tabrelay.client.http.TabScreenshot;
import dev.tabrelay.client.internal.ClientThreads;
import dev.tabrelay.client.internal.OkHttpResources;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.events.ImageDimensions;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The relay's HTTP API: OpenAI chat completions (whole, or streamed over server-sent events), models, tabs,
 * logs with paging, screenshots, health, and the admin settings and history. Calls block and throw
 * {@link RelayHttpException} with the status and the OpenAI error body; the {@code …Async} variants return
 * futures. Thread-safe; close it to stop the threads it owns.
 *
 * <pre>{@code
 * try (RelayHttpClient http = RelayHttpClient.builder().serverUrl(url).build()) {
 *     String answer = http.chatCompletion(ChatCompletionRequest.user("gpt-x", "hello")).content();
 * }
 * }</pre>
 */
public final class RelayHttpClient implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final HttpUrl base;
    private final OkHttpResources http;
    private final Map<String, String> headers;
    private final Moshi moshi = new Moshi.Builder().build();
    private final JsonAdapter<Object> values = moshi.adapter(Object.class);
    private final JsonAdapter<ChatCompletionChunk> chunks = moshi.adapter(ChatCompletionChunk.class);
    private final FrameCodec logCodec = FrameCodec.builder().maxAge(null).build(); // stored events may be old

    private RelayHttpClient(Builder builder) {
        this.base = ClientBuilder.httpUrl(builder.serverUrl);
        this.headers = Map.copyOf(builder.headers);
        java.util.function.UnaryOperator<OkHttpClient.Builder> tune = b -> b.readTimeout(builder.readTimeout)
                .callTimeout(Duration.ZERO);
        this.http = builder.okHttpClient != null ? OkHttpResources.shared(builder.okHttpClient, tune)
                : OkHttpResources.owned(ClientThreads.nameFor("http"), tune);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- chat -----------------------------------------------------------------------------------------------

    /** {@code POST /v1/chat/completions} without streaming (the request's {@code stream} is forced off). */
    public ChatCompletion chatCompletion(ChatCompletionRequest request) {
        return read(execute(post("/v1/chat/completions", request.withStream(false), ChatCompletionRequest.class)),
                ChatCompletion.class);
    }

    public CompletableFuture<ChatCompletion> chatCompletionAsync(ChatCompletionRequest request) {
        CompletableFuture<ChatCompletion> result = new CompletableFuture<>();
        Call call = http.client().newCall(withHeaders(post("/v1/chat/completions", request.withStream(false),
                ChatCompletionRequest.class)));
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                call.cancel();
            }
        });
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                result.completeExceptionally(noResponse(c.request(), e));
            }

            @Override
            public void onResponse(Call c, Response response) {
                try {
                    result.complete(read(checked(response), ChatCompletion.class));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
        return result;
    }

    /**
     * {@code POST /v1/chat/completions} with {@code stream: true}: an iterator over the SSE chunks. Close it, or
     * read it to the end.
     */
    public ChatStream streamChatCompletion(ChatCompletionRequest request) {
        Request post = post("/v1/chat/completions", request.withStream(true), ChatCompletionRequest.class)
                .newBuilder().header("Accept", "text/event-stream").build();
        return new ChatStream(execute(post), chunks, values);
    }

    /**
     * Streams a completion to {@code listener} on an OkHttp thread; the future completes with the whole text
     * (cancelling it cancels the request).
     */
    public CompletableFuture<String> streamChatCompletion(ChatCompletionRequest request, ChatStreamListener listener) {
        Request post = post("/v1/chat/completions", request.withStream(true), ChatCompletionRequest.class)
                .newBuilder().header("Accept", "text/event-stream").build();
        CompletableFuture<String> result = new CompletableFuture<>();
        Call call = http.client().newCall(withHeaders(post));
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                call.cancel();
            }
        });
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                RelayHttpException error = noResponse(c.request(), e);
                listener.onError(error);
                result.completeExceptionally(error);
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (ChatStream stream = new ChatStream(checked(response), chunks, values)) {
                    while (stream.hasNext()) {
                        listener.onChunk(stream.next());
                    }
                    String content = stream.readAll();
                    listener.onComplete(content);
                    result.complete(content);
                } catch (RelayException e) {
                    listener.onError(e);
                    result.completeExceptionally(e);
                }
            }
        });
        return result;
    }

    /** {@code GET /v1/models}. */
    public List<Model> models() {
        return readList(execute(get(url("/v1/models"))), "data", Model.class);
    }

    // ---- relay ----------------------------------------------------------------------------------------------

    /** {@code GET /health}. */
    public Health health() {
        return read(execute(get(url("/health"))), Health.class);
    }

    /** {@code GET /v1/tabs}: connected extensions and their tabs. */
    public List<ExtensionSession> tabs() {
        return readList(execute(get(url("/v1/tabs"))), "extensions", ExtensionSession.class);
    }

    /** {@code GET /v1/logs}: one page, newest first. */
    public LogPage logs(LogQuery query) {
        HttpUrl.Builder url = url("/v1/logs").newBuilder();
        param(url, "tabId", query.tabId());
        param(url, "sessionId", query.sessionId());
        param(url, "type", query.types().isEmpty() ? null : String.join(",", query.types()));
        param(url, "level", query.level());
        param(url, "since", query.since());
        param(url, "limit", query.limit());
        param(url, "cursor", query.cursor());
        try (Response response = execute(get(url.build()))) {
            return readLogPage(response);
        }
    }

    /** Every stored event matching {@code query}, newest first, fetching pages lazily as the stream is read. */
    public Stream<LogEntry> allLogs(LogQuery query) {
        Iterator<LogEntry> entries = new Iterator<>() {
            private LogQuery nextQuery = query;
            private Iterator<LogEntry> page = List.<LogEntry>of().iterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && nextQuery != null) {
                    LogPage fetched = logs(nextQuery);
                    page = fetched.entries().iterator();
                    nextQuery = fetched.next(nextQuery).orElse(null);
                }
                return page.hasNext();
            }

            @Override
            public LogEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, 0), false);
    }

    /** {@code DELETE /v1/logs}: clears stored events (of one tab, or all with null); returns how many. */
    public int clearLogs(String tabId) {
        HttpUrl.Builder url = url("/v1/logs").newBuilder();
        param(url, "tabId", tabId);
        Map<String, Object> body = object(execute(new Request.Builder().url(url.build()).delete().build()));
        return body.get("cleared") instanceof Number n ? n.intValue() : 0;
    }

    /** {@code POST /v1/tabs/{tabId}/screenshot}, asking for JSON so the origin comes back with the image. */
    public TabScreenshot screenshot(String tabId, ScreenshotRequest request) {
        HttpUrl url = url("/v1/tabs/").newBuilder().addPathSegment(tabId).addPathSegment("screenshot")
                .addQueryParameter("format", "json").build();
        Map<String, Object> body = new LinkedHashMap<>();
        ScreenshotRequest r = request == null ? ScreenshotRequest.png() : request;
        body.put("format", r.format());
        body.put("quality", r.quality());
        body.put("fullPage", r.fullPage());
        body.put("selector", r.selector());
        Map<String, Object> answer = object(execute(new Request.Builder().url(url)
                .post(RequestBody.create(values.toJson(body), JSON)).header("Accept", "application/json").build()));
        ImageDimensions dims = answer.get("dimensions") instanceof Map<?, ?> d
                && d.get("width") instanceof Number w && d.get("height") instanceof Number h
                ? new ImageDimensions(w.intValue(), h.intValue()) : null;
        return new TabScreenshot(string(answer.get("sessionId")), string(answer.get("tabId")), string(answer.get("url")),
                string(answer.get("mimeType")), dims, Base64.getDecoder().decode(string(answer.get("base64"))));
    }

    // ---- admin ----------------------------------------------------------------------------------------------

    /** {@code GET /v1/admin/server-info}. */
    public ServerInfo serverInfo() {
        return read(execute(get(url("/v1/admin/server-info"))), ServerInfo.class);
    }

    /** {@code POST /v1/admin/update-settings}; returns the server's message. */
    public String updateSettings(SettingsUpdate update) {
        return string(object(execute(post("/v1/admin/update-settings", update, SettingsUpdate.class))).get("message"));
    }

    /** {@code GET /v1/admin/message-history}: newest first (the server's default number of entries). */
    public List<HistoryEntry> messageHistory() {
        return messageHistory(null, null);
    }

    /**
     * {@code GET /v1/admin/message-history?limit=&requestId=&type=}: newest first; null / no arguments leave a
     * filter out. {@code types} are entry types such as {@code CHAT_REQUEST_COMPLETED}.
     */
    public List<HistoryEntry> messageHistory(Integer limit, String requestId, String... types) {
        HttpUrl.Builder url = url("/v1/admin/message-history").newBuilder();
        param(url, "limit", limit);
        param(url, "requestId", requestId);
        param(url, "type", types == null || types.length == 0 ? null : String.join(",", types));
        try (Response response = execute(get(url.build()))) {
            Type type = Types.newParameterizedType(List.class, HistoryEntry.class);
            JsonAdapter<List<HistoryEntry>> adapter = moshi.adapter(type);
            String text = bodyText(response);
            // Chat Relay answers a bare array; a wrapped {"data":[...]} is accepted too.
            return text.trim().startsWith("[") ? adapter.fromJson(text)
                    : readList(text, "data", HistoryEntry.class, response.code());
        } catch (IOException | com.squareup.moshi.JsonDataException e) {
            throw new RelayHttpException(0, null, RelayException.BAD_RESPONSE, "unreadable message history: " + e, e);
        }
    }

    /** {@code POST /v1/admin/restart-server}; returns the server's message. */
    public String restartServer() {
        return string(object(execute(new Request.Builder().url(url("/v1/admin/restart-server"))
                .post(RequestBody.create("{}", JSON)).build())).get("message"));
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    private HttpUrl url(String path) {
        return base.newBuilder().encodedPath(path).build();
    }

    private static void param(HttpUrl.Builder url, String name, Object value) {
        if (value != null) {
            url.addQueryParameter(name, value.toString());
        }
    }

    private Request get(HttpUrl url) {
        return new Request.Builder().url(url).get().build();
    }

    private <T> Request post(String path, T body, Class<T> type) {
        return new Request.Builder().url(url(path)).post(RequestBody.create(moshi.adapter(type).toJson(body), JSON)).build();
    }

    private Request withHeaders(Request request) {
        Request.Builder builder = request.newBuilder();
        headers.forEach(builder::header);
        return builder.build();
    }

    private Response execute(Request request) {
        Request sent = withHeaders(request);
        try {
            return checked(http.client().newCall(sent).execute());
        } catch (IOException e) {
            throw noResponse(sent, e);
        }
    }

    private static RelayHttpException noResponse(Request request, IOException e) {
        return new RelayHttpException(0, null, "no-response", request.method() + " " + request.url().encodedPath()
                + " got no response: " + e.getMessage(), e);
    }

    /** Returns a 2xx response; otherwise reads the OpenAI error body and throws. */
    @SuppressWarnings("unchecked")
    private Response checked(Response response) {
        if (response.isSuccessful()) {
            return response;
        }
        try (response) {
            String text = bodyText(response);
            String message = text;
            String type = null;
            String code = null;
            try {
                if (values.fromJson(text) instanceof Map<?, ?> map) {
                    Object error = map.get("error");
                    if (error instanceof Map<?, ?> e) {
                        Map<String, Object> err = (Map<String, Object>) e;
                        message = err.get("message") instanceof String s ? s : text;
                        type = err.get("type") instanceof String s ? s : null;
                        code = err.get("code") instanceof String s ? s : null;
                    } else if (error instanceof String s) {
                        message = s; // Chat Relay's admin endpoints: {"error":"..."}
                    }
                }
            } catch (IOException | RuntimeException notJson) {
                // keep the raw text as the message
            }
            throw new RelayHttpException(response.code(), type, code != null ? code : "http-" + response.code(),
                    response.request().method() + " " + response.request().url().encodedPath() + " failed with "
                            + response.code() + ": " + message, null);
        }
    }

    private static String bodyText(Response response) {
        try {
            return response.body().string();
        } catch (IOException e) {
            throw new RelayHttpException(0, null, RelayException.BAD_RESPONSE, "reading the response failed: " + e, e);
        }
    }

    private <T> T read(Response response, Class<T> type) {
        try (response) {
            T value = moshi.adapter(type).fromJson(bodyText(response));
            if (value == null) {
                throw new IOException("empty body");
            }
            return value;
        } catch (IOException | com.squareup.moshi.JsonDataException e) {
            throw new RelayHttpException(response.code(), null, RelayException.BAD_RESPONSE,
                    "unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private <T> List<T> readList(Response response, String field, Class<T> type) {
        try (response) {
            return readList(bodyText(response), field, type, response.code());
        }
    }

    private <T> List<T> readList(String text, String field, Class<T> type, int status) {
        try {
            Type listType = Types.newParameterizedType(List.class, type);
            JsonAdapter<List<T>> adapter = moshi.adapter(listType);
            JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
            reader.beginObject();
            List<T> result = null;
            while (reader.hasNext()) {
                if (reader.nextName().equals(field)) {
                    result = adapter.fromJson(reader);
                } else {
                    reader.skipValue();
                }
            }
            return result == null ? List.of() : result;
        } catch (IOException | com.squareup.moshi.JsonDataException e) {
            throw new RelayHttpException(status, null, RelayException.BAD_RESPONSE, "unreadable '" + field + "' list: " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Response response) {
        try (response) {
            Object value = values.fromJson(bodyText(response));
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw new IOException("expected a JSON object");
        } catch (IOException | com.squareup.moshi.JsonDataException e) {
            throw new RelayHttpException(response.code(), null, RelayException.BAD_RESPONSE, "unreadable body: " + e, e);
        }
    }

    /** Each log entry is a canonical frame plus {@code seq}: the protocol codec reads the raw frame text. */
    private LogPage readLogPage(Response response) {
        try {
            JsonReader reader = JsonReader.of(response.body().source());
            List<LogEntry> entries = new ArrayList<>();
            boolean hasMore = false;
            String nextCursor = null;
            reader.beginObject();
            while (reader.hasNext()) {
                switch (reader.nextName()) {
                    case "data" -> {
                        reader.beginArray();
                        while (reader.hasNext()) {
                            String frame;
                            try (okio.BufferedSource raw = reader.nextSource()) {
                                frame = raw.readUtf8();
                            }
                            Message message = logCodec.decode(frame);
                            Object seq = ((Map<?, ?>) values.fromJson(frame)).get("seq");
                            entries.add(new LogEntry(seq instanceof Number n ? n.longValue() : -1, message));
                        }
                        reader.endArray();
                    }
                    case "hasMore" -> hasMore = reader.nextBoolean();
                    case "nextCursor" -> nextCursor = reader.peek() == JsonReader.Token.NULL ? reader.nextNull() : reader.nextString();
                    default -> reader.skipValue();
                }
            }
            return new LogPage(entries, hasMore, nextCursor);
        } catch (IOException | FrameException | RuntimeException e) {
            throw new RelayHttpException(response.code(), null, RelayException.BAD_RESPONSE, "unreadable log page: " + e, e);
        }
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    /** Releases the threads this client owns (none when it shares a caller's OkHttpClient). */
    @Override
    public void close() {
        http.close();
    }

    /** Builds a {@link RelayHttpClient}. */
    public static final class Builder {
        private String serverUrl = "http://127.0.0.1:3025";
        private OkHttpClient okHttpClient;
        private Duration readTimeout = Duration.ofMinutes(5);
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {
        }

        /** Base URL (default {@code http://127.0.0.1:3025}). */
        public Builder serverUrl(String value) {
            this.serverUrl = Objects.requireNonNull(value);
            return this;
        }

        /** Share a caller-owned OkHttpClient (default: an own one, stopped on close). */
        public Builder okHttpClient(OkHttpClient value) {
            this.okHttpClient = Objects.requireNonNull(value);
            return this;
        }

        /** Longest silence while reading a response (default 5 min: a tab may take long to answer). */
        public Builder readTimeout(Duration value) {
            this.readTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** Sends {@code Authorization: Bearer <token>} with every request. */
        public Builder bearerToken(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        public RelayHttpClient build() {
            return new RelayHttpClient(this);
        }
    }
}
