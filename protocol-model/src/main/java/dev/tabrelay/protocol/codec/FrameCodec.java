package dev.tabrelay.protocol.codec;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.MessageType;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import okio.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes canonical frames into typed {@link Message}s and encodes them back. Decoding validates the envelope
 * ({@code id}, {@code type}, numeric {@code timestamp} not older than {@link Builder#maxAge}), the frame size
 * and every {@link dev.tabrelay.protocol.Required} field, and throws nothing but {@link FrameException}.
 * Unknown extra fields are ignored. Instances are immutable and thread-safe; build one and share it.
 */
public final class FrameCodec {

    public static final int DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);

    private static final JsonReader.Options ENVELOPE_FIELDS =
            JsonReader.Options.of("id", "type", "timestamp", "data", "metadata");
    private static final Pattern REQUIRED_VALUE = Pattern.compile("Required value '([^']+)'(?: \\(JSON name '([^']+)'\\))? missing at (\\S+)");

    private final int maxFrameBytes;
    private final Duration maxAge;
    private final Clock clock;
    private final Moshi moshi;
    private final JsonAdapter<Metadata> metadataAdapter;
    private final Map<MessageType, JsonAdapter<Payload>> payloadAdapters;
    private final RequiredFields requiredFields = new RequiredFields();

    private FrameCodec(Builder builder) {
        this.maxFrameBytes = builder.maxFrameBytes;
        this.maxAge = builder.maxAge;
        this.clock = builder.clock;
        this.moshi = new Moshi.Builder().add(new StrictScalars()).add(new RecordAdapters()).add(new ObjectValues()).build();
        this.metadataAdapter = moshi.adapter(Metadata.class);
        Map<MessageType, JsonAdapter<Payload>> adapters = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            @SuppressWarnings("unchecked")
            JsonAdapter<Payload> adapter = (JsonAdapter<Payload>) moshi.adapter(type.payloadType());
            adapters.put(type, adapter);
        }
        this.payloadAdapters = adapters;
    }

    /** A codec with the protocol defaults: 1 MiB frames, 60 s maximum age, the system clock. */
    public static FrameCodec defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxFrameBytes(maxFrameBytes).maxAge(maxAge).clock(clock);
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Maximum age (and future skew) of a timestamp; {@code null} when timestamps are not checked. */
    public Duration maxAge() {
        return maxAge;
    }

    public Clock clock() {
        return clock;
    }

    /** The Moshi instance behind this codec, for code that maps other JSON shapes (legacy dialects). */
    public Moshi moshi() {
        return moshi;
    }

    /** Decodes one text frame. */
    public Message decode(String text) throws FrameException {
        if (text == null || text.isBlank()) {
            throw new FrameException(FrameError.MALFORMED_JSON, "empty frame: expected a JSON object", "$", null);
        }
        checkSize(text);
        // getBytes is an intrinsic copy for Latin-1 text; okio's writeUtf8 encodes char by char (JFR, chat benchmark).
        return decodeEnvelope(JsonReader.of(new Buffer().write(text.getBytes(StandardCharsets.UTF_8))));
    }

    /** Decodes only a payload of a known type, e.g. a body that arrives without an envelope. */
    public <T extends Payload> T decodePayload(MessageType type, Object jsonValue) throws FrameException {
        Payload payload = payloadFromValue(type, jsonValue, null);
        return type.payloadType().isInstance(payload) ? castPayload(payload) : null;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Payload> T castPayload(Payload payload) {
        return (T) payload;
    }

    /** Encodes a message as one compact JSON object; {@code metadata} is left out when empty. */
    public String encode(Message message) {
        Buffer buffer = new Buffer();
        try (JsonWriter writer = JsonWriter.of(buffer)) {
            writer.beginObject();
            writer.name("id").value(message.id());
            writer.name("type").value(message.type());
            writer.name("timestamp").value(message.timestamp());
            writer.name("data");
            payloadAdapters.get(MessageType.of(message.data())).toJson(writer, message.data());
            if (!Metadata.EMPTY.equals(message.metadata())) {
                writer.name("metadata");
                metadataAdapter.toJson(writer, message.metadata());
            }
            writer.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a memory buffer cannot fail", e);
        }
        return buffer.readUtf8();
    }

    /** Encodes a payload alone as a JSON value tree (maps, lists, strings, numbers, booleans). */
    public Object payloadToValue(Payload payload) {
        return payloadAdapters.get(MessageType.of(payload)).toJsonValue(payload);
    }

    private void checkSize(String text) throws FrameException {
        // A UTF-16 char is 1..3 UTF-8 bytes: only measure exactly when the cheap bounds cannot decide.
        if ((long) text.length() * 3 <= maxFrameBytes) {
            return;
        }
        long bytes = text.length() > maxFrameBytes ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxFrameBytes) {
            throw new FrameException(FrameError.TOO_LARGE,
                    "frame is " + bytes + " bytes; the limit is " + maxFrameBytes + " bytes", "$", null);
        }
    }

    private Message decodeEnvelope(JsonReader reader) throws FrameException {
        String id = null;
        String typeName = null;
        MessageType type = null;
        Long timestamp = null;
        Payload data = null;
        Object rawData = null;
        boolean dataPresent = false;
        Metadata metadata = null;
        try {
            if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
                throw new FrameException(FrameError.MALFORMED_JSON,
                        "a frame must be a JSON object, but this one starts with " + describe(reader.peek()), "$", null);
            }
            reader.beginObject();
            while (reader.hasNext()) {
                switch (reader.selectName(ENVELOPE_FIELDS)) {
                    case 0 -> id = readId(reader);
                    case 1 -> {
                        typeName = readString(reader, "type");
                        type = typeName == null ? null : MessageType.forWireName(typeName).orElse(null);
                    }
                    case 2 -> timestamp = readTimestamp(reader);
                    case 3 -> {
                        dataPresent = reader.peek() != JsonReader.Token.NULL;
                        if (type != null) {
                            data = payloadAdapters.get(type).fromJson(reader);
                        } else if (typeName != null) {
                            reader.skipValue(); // unknown type: reported below, with the id
                        } else {
                            rawData = reader.readJsonValue(); // type comes later: keep the value tree
                        }
                    }
                    case 4 -> metadata = metadataAdapter.fromJson(reader);
                    default -> {
                        reader.skipName();
                        reader.skipValue();
                    }
                }
            }
            reader.endObject();
            requireEndOfInput(reader, id);
        } catch (FrameException e) {
            throw e.withFrameId(id);
        } catch (JsonEncodingException | java.io.EOFException e) {
            throw new FrameException(FrameError.MALFORMED_JSON, "not valid JSON: " + e.getMessage(), reader.getPath(), id);
        } catch (JsonDataException e) {
            throw fromDataException(e, "", id);
        } catch (IllegalArgumentException e) {
            throw new FrameException(FrameError.INVALID_VALUE, "invalid value: " + e.getMessage(), reader.getPath(), id);
        } catch (IOException | RuntimeException e) {
            throw new FrameException(FrameError.MALFORMED_JSON, "unreadable frame: " + e, reader.getPath(), id);
        }
        return assemble(id, typeName, type, timestamp, data, rawData, dataPresent, metadata);
    }

    private static void requireEndOfInput(JsonReader reader, String id) throws IOException, FrameException {
        boolean trailing;
        try {
            trailing = reader.peek() != JsonReader.Token.END_DOCUMENT;
        } catch (JsonEncodingException e) {
            trailing = true; // Moshi refuses a second top-level value outright
        }
        if (trailing) {
            throw new FrameException(FrameError.MALFORMED_JSON,
                    "unexpected content after the frame's closing brace: send one JSON object per frame", "$", id);
        }
    }

    private Message assemble(String id, String typeName, MessageType type, Long timestamp, Payload data,
                             Object rawData, boolean dataPresent, Metadata metadata) throws FrameException {
        if (id == null) {
            throw missing("id", "every frame needs a string 'id' (unique per sender)", null);
        }
        if (typeName == null) {
            throw missing("type", "every frame needs a string 'type', e.g. \"console-log\"", id);
        }
        if (type == null) {
            throw new FrameException(FrameError.UNKNOWN_TYPE, "unknown message type '" + typeName
                    + "'; the known types are listed in the protocol's JSON Schema index", "$.type", id);
        }
        if (timestamp == null) {
            throw missing("timestamp", "every frame needs a numeric 'timestamp' in epoch milliseconds", id);
        }
        checkAge(timestamp, id);
        Payload payload = data;
        if (payload == null) {
            payload = payloadFromValue(type, dataPresent ? rawData : Map.of(), id);
        }
        try {
            requiredFields.check(payload, "$.data");
        } catch (FrameException e) {
            throw e.withFrameId(id);
        }
        return new Message(id, timestamp, payload, metadata);
    }

    private Payload payloadFromValue(MessageType type, Object value, String id) throws FrameException {
        try {
            Payload payload = payloadAdapters.get(type).fromJsonValue(value == null ? Map.of() : value);
            requiredFields.check(payload, "$.data");
            return payload;
        } catch (FrameException e) {
            throw e.withFrameId(id);
        } catch (JsonDataException e) {
            throw fromDataException(e, ".data", id);
        } catch (RuntimeException e) {
            throw new FrameException(FrameError.INVALID_VALUE, "invalid data: " + e.getMessage(), "$.data", id);
        }
    }

    private void checkAge(long timestamp, String id) throws FrameException {
        if (maxAge == null) {
            return;
        }
        long now = clock.millis();
        long limit = maxAge.toMillis();
        if (now - timestamp > limit) {
            throw new FrameException(FrameError.STALE_TIMESTAMP, "frame timestamp " + timestamp + " is "
                    + (now - timestamp) + " ms old; frames older than " + limit + " ms are refused (check the sender's clock)",
                    "$.timestamp", id);
        }
        if (timestamp - now > limit) {
            throw new FrameException(FrameError.STALE_TIMESTAMP, "frame timestamp " + timestamp + " is "
                    + (timestamp - now) + " ms in the future; the allowed clock skew is " + limit + " ms",
                    "$.timestamp", id);
        }
    }

    private static String readId(JsonReader reader) throws IOException, FrameException {
        return readString(reader, "id");
    }

    private static String readString(JsonReader reader, String field) throws IOException, FrameException {
        JsonReader.Token token = reader.peek();
        if (token == JsonReader.Token.NULL) {
            return reader.nextNull();
        }
        if (token != JsonReader.Token.STRING) {
            throw new FrameException(FrameError.WRONG_FIELD_TYPE,
                    "'" + field + "' must be a string, but is " + describe(token), "$." + field, null);
        }
        return reader.nextString();
    }

    private static Long readTimestamp(JsonReader reader) throws IOException, FrameException {
        JsonReader.Token token = reader.peek();
        if (token == JsonReader.Token.NULL) {
            return reader.nextNull();
        }
        if (token != JsonReader.Token.NUMBER) {
            throw new FrameException(FrameError.WRONG_FIELD_TYPE,
                    "'timestamp' must be a number of epoch milliseconds, but is " + describe(token), "$.timestamp", null);
        }
        try {
            return reader.nextLong();
        } catch (JsonDataException e) {
            throw new FrameException(FrameError.WRONG_FIELD_TYPE,
                    "'timestamp' must be a whole number of epoch milliseconds", "$.timestamp", null);
        }
    }

    private static FrameException missing(String field, String hint, String id) {
        return new FrameException(FrameError.MISSING_FIELD, "missing required field '" + field + "': " + hint, "$." + field, id);
    }

    /** Moshi reports missing primitives and type mismatches as JsonDataException; classify them. */
    private static FrameException fromDataException(JsonDataException e, String pathPrefix, String id) {
        String text = String.valueOf(e.getMessage());
        Matcher required = REQUIRED_VALUE.matcher(text);
        if (required.find()) {
            String name = required.group(2) != null ? required.group(2) : required.group(1);
            String path = prefixed(pathPrefix, required.group(3)) + "." + name;
            return new FrameException(FrameError.MISSING_FIELD, "missing required field '" + path.substring(2) + "'", path, id);
        }
        String path = prefixed(pathPrefix, extractPath(text));
        if (text.startsWith("Expected") || text.contains("but was") || text.startsWith("Non-null value")) {
            return new FrameException(FrameError.WRONG_FIELD_TYPE,
                    "wrong type at '" + path.substring(Math.min(2, path.length())) + "': " + text, path, id);
        }
        return new FrameException(FrameError.INVALID_VALUE, "invalid value: " + text, path, id);
    }

    private static String prefixed(String prefix, String path) {
        if (path == null || !path.startsWith("$")) {
            return "$" + prefix;
        }
        return "$" + prefix + path.substring(1);
    }

    private static String extractPath(String text) {
        int at = text.lastIndexOf(" at path ");
        if (at >= 0) {
            return text.substring(at + 9).trim();
        }
        at = text.lastIndexOf(" at ");
        return at >= 0 ? text.substring(at + 4).trim() : null;
    }

    private static String describe(JsonReader.Token token) {
        return switch (token) {
            case BEGIN_ARRAY -> "an array";
            case BEGIN_OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Settings of a {@link FrameCodec}. */
    public static final class Builder {
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private Duration maxAge = DEFAULT_MAX_AGE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Largest frame accepted, in UTF-8 bytes (default 1 MiB). */
        public Builder maxFrameBytes(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("maxFrameBytes must be positive: " + value);
            }
            this.maxFrameBytes = value;
            return this;
        }

        /** Oldest (and furthest in the future) timestamp accepted (default 60 s); {@code null} accepts any. */
        public Builder maxAge(Duration value) {
            if (value != null && value.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative: " + value);
            }
            this.maxAge = value;
            return this;
        }

        /** Clock for the age check; inject a fixed one in tests. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public FrameCodec build() {
            return new FrameCodec(this);
        }
    }
}
