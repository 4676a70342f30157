package dev.tabrelay.server.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** JSON bodies for HTTP through Moshi: values are plain maps, lists, strings, numbers and booleans. */
public final class Json {

    private final JsonAdapter<Object> adapter;

    public Json(Moshi moshi) {
        this.adapter = moshi.adapter(Object.class).serializeNulls();
    }

    public String write(Object value) {
        return adapter.toJson(value);
    }

    /** Parses a body; blank gives an empty map. Throws {@link BadRequest} on invalid JSON. */
    public Object read(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return adapter.fromJson(text);
        } catch (IOException | RuntimeException e) {
            throw new BadRequest("the request body is not valid JSON: " + e.getMessage());
        }
    }

    /** Parses a body that must be a JSON object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> readObject(String text) {
        Object value = read(text);
        if (!(value instanceof Map<?, ?>)) {
            throw new BadRequest("the request body must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /** Sends UTF-8 bytes: {@code send(String)} looks up a media writer for every response (JFR, chat benchmark). */
    public void send(ServerResponse res, Status status, Object body) {
        res.status(status).header(HeaderValues.CONTENT_TYPE_JSON).send(write(body).getBytes(StandardCharsets.UTF_8));
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
