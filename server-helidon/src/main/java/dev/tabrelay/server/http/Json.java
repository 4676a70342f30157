package dev.tabrelay.server.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import okio.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.OptionalLong;

/**
 * JSON bodies for HTTP through Moshi: values are plain maps, lists, strings, numbers and booleans. Give it the
 * codec's Moshi ({@code FrameCodec.moshi()}): its adapter for {@code Object} writes such trees without a look-up
 * per value.
 */
public final class Json {

    private final JsonAdapter<Object> adapter;

    public Json(Moshi moshi) {
        this.adapter = moshi.adapter(Object.class).serializeNulls();
    }

    public String write(Object value) {
        return encode(value).readUtf8();
    }

    /** The UTF-8 bytes of {@link #write}. */
    public byte[] writeBytes(Object value) {
        return encode(value).readByteArray();
    }

    private Buffer encode(Object value) {
        Buffer buffer = new Buffer();
        try (JsonWriter writer = JsonWriter.of(buffer)) {
            adapter.toJson(writer, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a memory buffer cannot fail", e);
        }
        return buffer;
    }

    /** Parses a body; blank gives an empty map. Throws {@link BadRequest} on invalid JSON. */
    public Object read(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        return parse(new Buffer().writeUtf8(text));
    }

    /** Parses UTF-8 bytes; blank gives an empty map. Throws {@link BadRequest} on invalid JSON. */
    public Object read(byte[] bytes) {
        if (blank(bytes)) {
            return Map.of();
        }
        return parse(new Buffer().write(bytes));
    }

    /** As Moshi's {@code fromJson(String)}: a document must be consumed whole. */
    private Object parse(Buffer source) {
        try {
            JsonReader reader = JsonReader.of(source);
            Object value = adapter.fromJson(reader);
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new JsonDataException("JSON document was not fully consumed.");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new BadRequest("the request body is not valid JSON: " + e.getMessage());
        }
    }

    /** Parses a body that must be a JSON object. */
    public Map<String, Object> readObject(String text) {
        return object(read(text));
    }

    /** The request's body as a JSON object; no body or a blank one gives an empty map. */
    public Map<String, Object> readObject(ServerRequest req) {
        return object(read(bodyBytes(req)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new BadRequest("the request body must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /**
     * The body as bytes, read to exactly its Content-Length when it has one: Helidon's String reader reads
     * through {@code readAllBytes} (a fresh 16 KiB buffer and a copy per request, JFR). The server's payload limit
     * still applies: the content stream ends there.
     */
    private static byte[] bodyBytes(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        OptionalLong length = req.headers().contentLength();
        try (InputStream in = req.content().inputStream()) {
            if (length.isPresent() && length.getAsLong() <= Integer.MAX_VALUE - 8) {
                return in.readNBytes((int) length.getAsLong());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Sends UTF-8 bytes: {@code send(String)} looks up a media writer for every response (JFR, chat benchmark). */
    public void send(ServerResponse res, Status status, Object body) {
        res.status(status).header(HeaderValues.CONTENT_TYPE_JSON).send(writeBytes(body));
    }

    public void send(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    /** A client mistake in an HTTP request; routed to a 400 error body. */
    public static final class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
