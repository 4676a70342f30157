package dev.tabrelay.protocol.session;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("End the session of a tab; every party using it is told with connection-close.")
public record Disconnect(@Required String tabId, String reason) implements SessionPayload {
}
