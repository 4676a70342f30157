package dev.tabrelay.server.http;

import com.squareup.moshi.JsonAdapter;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.codec.FrameCodec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Canonical frames as JSON value trees, for embedding in HTTP bodies. */
public final class FrameValues {

    private final FrameCodec codec;
    private final JsonAdapter<Metadata> metadata;

    public FrameValues(FrameCodec codec) {
        this.codec = codec;
        this.metadata = codec.moshi().adapter(Metadata.class);
    }

    public Map<String, Object> of(Message message) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", message.id());
        value.put("type", message.type());
        value.put("timestamp", message.timestamp());
        value.put("data", codec.payloadToValue(message.data()));
        value.put("metadata", metadata.toJsonValue(message.metadata()));
        return value;
    }
}
