package dev.tabrelay.protocol.chat;

import dev.tabrelay.protocol.Payload;

/** The chat relay (seed 001): a prompt to a tab and its answer, whole or streamed, or its cancellation. */
public sealed interface ChatPayload extends Payload
        permits SendChatMessage, ChatResponse, ChatResponseChunk, ChatResponseError, CancelChat {

    /** Every chat frame names the request it belongs to. */
    String requestId();
}
