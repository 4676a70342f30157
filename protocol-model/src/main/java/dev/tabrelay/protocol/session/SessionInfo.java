package dev.tabrelay.protocol.session;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Reply to NewSession and GetSession.")
public record SessionInfo(
        @Required String tabId,
        boolean exists,
        String sessionId,
        Integer apiPort,
        Integer socketPort,
        boolean busy,
        @Description("Epoch ms the session was created.") Long createdAt) implements SessionPayload {
}
