package dev.tabrelay.protocol.dialect;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameException;

import java.util.List;

/**
 * Maps the frames that travel in one direction of one legacy dialect to and from the canonical model.
 * A dialect has one codec per direction (frames the relay sends, frames the extension sends), so a type
 * that exists in both directions (a heartbeat) is never ambiguous. The relay decodes with the extension-side
 * codec and encodes with the relay-side one; a simulator of a legacy extension does the opposite.
 */
public interface DialectCodec {

    /** Maps one legacy frame; every failure is a {@link FrameException}. */
    Decoded decode(String frame) throws FrameException;

    /**
     * The legacy frames that express this canonical message, in sending order. Empty when the dialect has
     * no equivalent (nothing should be sent); more than one when the legacy peer expects a sequence.
     *
     * @throws IllegalArgumentException when the message has an equivalent but one of its values cannot be
     *                                  expressed (e.g. a non-numeric tab id where the dialect needs a number)
     */
    List<String> encode(Message message);
}
