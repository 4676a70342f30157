package dev.tabrelay.client;

import com.squareup.moshi.JsonAdapter;
import dev.tabrelay.client.http.ChatCompletionChunk;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A streamed chat completion read from server-sent events ({@code data: {chunk}} lines ending with
 * {@code data: [DONE]}), one chunk at a time. Blocking; not thread-safe; close it (or read it to the end) to
 * release the connection. Iteration throws {@link RelayHttpException} when the stream breaks or carries an
 * error object.
 */
public final class ChatStream implements Iterator<ChatCompletionChunk>, Iterable<ChatCompletionChunk>, AutoCloseable {

    private final Response response;
    private final BufferedSource source;
    private final JsonAdapter<ChatCompletionChunk> chunks;
    private final JsonAdapter<Object> values;
    private final StringBuilder content = new StringBuilder();
    private ChatCompletionChunk next;
    private boolean done;

    ChatStream(Response response, JsonAdapter<ChatCompletionChunk> chunks, JsonAdapter<Object> values) {
        this.response = response;
        this.source = response.body().source();
        this.chunks = chunks;
        this.values = values;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        next = readNext();
        return next != null;
    }

    @Override
    public ChatCompletionChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream has ended");
        }
        ChatCompletionChunk chunk = next;
        next = null;
        content.append(chunk.content());
        return chunk;
    }

    @Override
    public Iterator<ChatCompletionChunk> iterator() {
        return this;
    }

    /** Reads the rest of the stream and returns the whole text (including chunks already read). */
    public String readAll() {
        while (hasNext()) {
            next();
        }
        return content.toString();
    }

    private ChatCompletionChunk readNext() {
        try {
            String line;
            while ((line = source.readUtf8Line()) != null) {
                if (!line.startsWith("data:")) {
                    continue; // blank separators, comments (":"), event names
                }
                String data = line.substring(5).trim();
                if (data.equals("[DONE]")) {
                    finish();
                    return null;
                }
                if (data.contains("\"error\"") // an error object ends the stream, whatever its key order
                        && values.fromJson(data) instanceof Map<?, ?> map && map.get("error") != null) {
                    throw streamError(data, map.get("error"));
                }
                ChatCompletionChunk chunk = chunks.fromJson(data);
                if (chunk != null) {
                    return chunk;
                }
            }
            finish();
            throw new RelayHttpException(response.code(), null, "stream-truncated",
                    "the event stream ended without data: [DONE]", null);
        } catch (IOException | RuntimeException e) {
            if (e instanceof RelayHttpException relay) {
                throw relay;
            }
            finish();
            throw new RelayHttpException(0, null, RelayException.BAD_RESPONSE, "reading the event stream failed: " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private RelayHttpException streamError(String data, Object value) {
        finish();
        if (value instanceof String text) {
            return new RelayHttpException(response.code(), null, "stream-error", text, null);
        }
        Map<String, Object> error = value instanceof Map<?, ?> e ? (Map<String, Object>) e : Map.of();
        return new RelayHttpException(response.code(), error.get("type") instanceof String t ? t : null,
                error.get("code") instanceof String c ? c : "stream-error",
                error.get("message") instanceof String s ? s : data, null);
    }

    private void finish() {
        done = true;
        response.close();
    }

    @Override
    public void close() {
        if (!done) {
            finish();
        }
    }
}
