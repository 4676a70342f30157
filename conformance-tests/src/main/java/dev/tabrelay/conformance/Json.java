package dev.tabrelay.conformance;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JSON for the suites: the wire as any client sees it, not the protocol-model types. */
public final class Json {

    private static final JsonAdapter<Object> ADAPTER = new Moshi.Builder().build().adapter(Object.class);

    private Json() {
    }

    public static Object parse(String text) {
        try {
            return ADAPTER.fromJson(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a JSON object, got: " + text);
        }
        return (Map<String, Object>) value;
    }

    /** The object at {@code key}, or an empty map when it is missing. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> child(Map<String, Object> object, String key) {
        Object value = object.get(key);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    public static String write(Object value) {
        return ADAPTER.toJson(value);
    }

    /** A canonical envelope {@code {"id","type","timestamp","data"}} stamped now. */
    public static String frame(String id, String type, Map<String, Object> data) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("id", id);
        frame.put("type", type);
        frame.put("timestamp", System.currentTimeMillis());
        frame.put("data", data);
        return write(frame);
    }

    /** The connection-init of seed 002 for one tab. */
    public static String connectionInit(String id, String tabId) {
        return frame(id, "connection-init", Map.of("clientType", "chrome-extension", "version", "1.0.0",
                "capabilities", List.of("console-capture", "screenshot-capture"), "tabId", tabId,
                "userAgent", "TabRelay conformance"));
    }
}
