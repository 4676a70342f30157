package dev.tabrelay.server.connection;

import dev.tabrelay.protocol.Message;

import java.util.Optional;

/** A pre-TabRelay wire format accepted at the edge and mapped to canonical messages. */
public interface LegacyDialect {

    /** The dialect's name, e.g. {@code browsertools}. */
    String name();

    /** The canonical reading of a frame the canonical codec refused; empty when it is not this dialect either. */
    Optional<Message> decode(String text);

    /** How to write canonical messages to a peer that speaks this dialect. */
    Connection.FrameEncoder encoder();
}
