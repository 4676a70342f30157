package dev.tabrelay.protocol;

import java.util.Objects;

/**
 * The canonical frame: {@code {"id","type","timestamp","data","metadata"}}. The {@code type} is not stored;
 * it is derived from the payload so a message can never carry a type that disagrees with its data.
 *
 * @param id        unique per sender; a reply reuses the id of the request it answers (seed 002 convention)
 * @param timestamp epoch milliseconds when the sender created the frame
 * @param data      the typed payload
 * @param metadata  routing facts, never null ({@link Metadata#EMPTY} when absent)
 */
public record Message(String id, long timestamp, Payload data, Metadata metadata) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }

    public static Message of(String id, long timestamp, Payload data) {
        return new Message(id, timestamp, data, Metadata.EMPTY);
    }

    public String type() {
        return data.type();
    }

    public Message withMetadata(Metadata value) {
        return new Message(id, timestamp, data, value);
    }

    public Message withId(String value) {
        return new Message(value, timestamp, data, metadata);
    }

    /** The payload cast to the expected record, or {@code null} when it is of another type. */
    public <T extends Payload> T dataAs(Class<T> type) {
        return type.isInstance(data) ? type.cast(data) : null;
    }
}
