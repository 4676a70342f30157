package dev.tabrelay.protocol.chat;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Relay to tab: stop working on this request (timed out, client gone, shutting down).")
public record CancelChat(
        @Required String requestId,
        @Description("timeout, client-disconnected, shutdown") String reason) implements ChatPayload {
}
