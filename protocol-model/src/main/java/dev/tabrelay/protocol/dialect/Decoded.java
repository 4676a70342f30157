package dev.tabrelay.protocol.dialect;

import dev.tabrelay.protocol.Message;

import java.util.Optional;

/**
 * What one legacy frame turned into: a canonical {@link Message}, or nothing (a legacy frame that is
 * well-formed but carries nothing the canonical model needs, e.g. Chat Relay's {@code CHAT_RESPONSE_STREAM_ENDED}).
 * Malformed frames never get here: they throw {@link dev.tabrelay.protocol.codec.FrameException}.
 */
public sealed interface Decoded permits Decoded.Mapped, Decoded.Ignored {

    /** The canonical message, when there is one. */
    Optional<Message> message();

    record Mapped(Message value) implements Decoded {
        @Override
        public Optional<Message> message() {
            return Optional.of(value);
        }
    }

    /**
     * A valid frame deliberately dropped.
     *
     * @param legacyType the frame's legacy {@code type}
     * @param requestId  the canonical request it concerns, or {@code null}
     * @param reason     why it has no canonical equivalent (for logs)
     */
    record Ignored(String legacyType, String requestId, String reason) implements Decoded {
        @Override
        public Optional<Message> message() {
            return Optional.empty();
        }
    }
}
