package dev.tabrelay.conformance.extension;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameException;

import java.util.Optional;

/**
 * One frame the extension sent, as it arrived: the text, when (System.nanoTime), and what it decoded to: a
 * canonical message, nothing (a valid legacy frame with no canonical use), or the codec's refusal.
 */
public record Received(String text, long atNanos, Optional<Message> message, FrameException error) {

    public boolean valid() {
        return error == null;
    }

    public String type() {
        return message.map(Message::type).orElse(null);
    }
}
