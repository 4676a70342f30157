package dev.tabrelay.protocol.chat;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.List;

@Description("Relay to tab: answer this conversation. Carries the whole messages array, not only the last one.")
public record SendChatMessage(
        @Required String requestId,
        @Required List<ChatMessage> messages,
        ChatSettings settings) implements ChatPayload {
}
