package dev.tabrelay.protocol.dialect;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Legacy frames carry no envelope, so decoding invents one: a fresh id and the current time, unless the
 * legacy frame has its own (a BrowserTools {@code requestId} or {@code timestamp}). Injectable for tests.
 */
public record Envelopes(Supplier<String> ids, Clock clock) {

    public Envelopes {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(clock, "clock");
    }

    /** Random UUID ids and the system clock. */
    public static Envelopes system() {
        return new Envelopes(() -> UUID.randomUUID().toString(), Clock.systemUTC());
    }

    public Message wrap(Payload data, Metadata metadata) {
        return new Message(ids.get(), clock.millis(), data, metadata);
    }

    public Message wrap(String id, Long timestamp, Payload data, Metadata metadata) {
        return new Message(id != null ? id : ids.get(), timestamp != null ? timestamp : clock.millis(), data, metadata);
    }
}
