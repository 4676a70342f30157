package dev.tabrelay.protocol.dialect;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import okio.Buffer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the flat JSON objects of the legacy dialects with Moshi. Reading keeps numbers exact
 * ({@link BigDecimal}, so a large numeric id is never rounded through a double), enforces a size limit and
 * turns every failure into a {@link FrameException}. Immutable and thread-safe.
 */
public final class LegacyJson {

    private static final LegacyJson DEFAULT = new LegacyJson(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

    private final int maxFrameBytes;
    private final JsonAdapter<Object> writer = new Moshi.Builder().build().adapter(Object.class);

    private LegacyJson(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The canonical protocol's limit: 1 MiB frames. */
    public static LegacyJson defaults() {
        return DEFAULT;
    }

    /** A reader with another size limit (BrowserTools log bodies may be larger than a WS frame). */
    public static LegacyJson withMaxFrameBytes(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        }
        return new LegacyJson(maxFrameBytes);
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Parses text that must be one JSON object. */
    public LegacyObject parseObject(String text) throws FrameException {
        if (text == null || text.isBlank()) {
            throw new FrameException(FrameError.MALFORMED_JSON, "empty frame: expected a JSON object", "$", null);
        }
        checkSize(text);
        JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
        try {
            if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
                throw new FrameException(FrameError.MALFORMED_JSON,
                        "a legacy frame must be a JSON object, but this one starts with " + reader.peek(), "$", null);
            }
            Object tree = readValue(reader);
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new FrameException(FrameError.MALFORMED_JSON,
                        "unexpected content after the frame's closing brace", reader.getPath(), null);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) tree;
            return new LegacyObject(object, "$");
        } catch (JsonEncodingException | java.io.EOFException e) {
            throw new FrameException(FrameError.MALFORMED_JSON, "not valid JSON: " + e.getMessage(), reader.getPath(), null);
        } catch (IOException | RuntimeException e) {
            // JsonDataException covers nesting deeper than Moshi's limit; nothing else may escape.
            throw new FrameException(FrameError.MALFORMED_JSON, "unreadable frame: " + e.getMessage(), reader.getPath(), null);
        }
    }

    /** Writes a value tree (maps, lists, strings, numbers, booleans) compactly; {@code null} map values are left out. */
    public String write(Map<String, ?> object) {
        return writer.toJson(object);
    }

    /** Starts a legacy frame: an ordered map whose first key is {@code type}. */
    public static Map<String, Object> frame(String type) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        return frame;
    }

    /** A canonical id as a legacy number when it is a plain decimal, else as the string it is. */
    public static Object numberIfDecimal(String id) {
        if (id == null) {
            return null;
        }
        Long number = parseDecimal(id);
        return number != null ? (Object) number : id;
    }

    /** The long a canonical decimal string stands for ({@code "0"}, {@code "42"}, {@code "-7"}), else {@code null}. */
    public static Long parseDecimal(String text) {
        if (text == null || !text.matches("-?(0|[1-9][0-9]{0,18})") || text.equals("-0")) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null; // 19 digits beyond Long.MAX_VALUE
        }
    }

    private void checkSize(String text) throws FrameException {
        if ((long) text.length() * 3 <= maxFrameBytes) {
            return; // cheap bound: a UTF-16 char is at most 3 UTF-8 bytes
        }
        long bytes = text.length() > maxFrameBytes ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxFrameBytes) {
            throw new FrameException(FrameError.TOO_LARGE,
                    "frame is " + bytes + " bytes; the limit is " + maxFrameBytes + " bytes", "$", null);
        }
    }

    private static Object readValue(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    object.put(reader.nextName(), readValue(reader)); // last duplicate wins, as in JSON.parse
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY -> {
                List<Object> array = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(readValue(reader));
                }
                reader.endArray();
                return array;
            }
            case STRING -> {
                return reader.nextString();
            }
            case NUMBER -> {
                return new BigDecimal(reader.nextString()); // the literal text: exact
            }
            case BOOLEAN -> {
                return reader.nextBoolean();
            }
            case NULL -> {
                return reader.nextNull();
            }
            default -> throw new JsonDataException("unexpected " + reader.peek() + " at " + reader.getPath());
        }
    }
}
