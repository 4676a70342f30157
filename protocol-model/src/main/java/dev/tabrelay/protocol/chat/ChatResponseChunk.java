package dev.tabrelay.protocol.chat;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Tab to relay: the next piece of a streamed answer; isFinal marks the last one.")
public record ChatResponseChunk(
        @Required String requestId,
        @Description("Text to append (may be empty on the final chunk).") String delta,
        boolean isFinal,
        String finishReason) implements ChatPayload {
}
