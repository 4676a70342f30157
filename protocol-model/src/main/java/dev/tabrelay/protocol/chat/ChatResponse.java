package dev.tabrelay.protocol.chat;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Tab to relay: the complete answer.")
public record ChatResponse(
        @Required String requestId,
        @Required String content,
        String model,
        @Description("stop, length, ...") String finishReason,
        ChatUsage usage) implements ChatPayload {
}
