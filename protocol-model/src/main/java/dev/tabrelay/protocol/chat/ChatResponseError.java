package dev.tabrelay.protocol.chat;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Tab to relay: the request failed.")
public record ChatResponseError(
        @Required String requestId,
        @Required String error,
        @Description("Optional machine-readable code.") String code) implements ChatPayload {
}
