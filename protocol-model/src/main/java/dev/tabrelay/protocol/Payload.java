package dev.tabrelay.protocol;

/**
 * The {@code data} of a {@link Message}. Each payload record belongs to exactly one wire type, listed in
 * {@link MessageType}. Families are sealed per package ({@code EventPayload}, {@code ChatPayload}, ...);
 * this root cannot be sealed across packages outside a named module, so {@link MessageType} is the
 * exhaustive registry.
 */
public interface Payload {

    /** The wire type name of this payload, e.g. {@code console-log}. */
    default String type() {
        return MessageType.of(this).wireName();
    }
}
