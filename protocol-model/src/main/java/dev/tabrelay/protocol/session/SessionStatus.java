package dev.tabrelay.protocol.session;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Reply to PollingSession.")
public record SessionStatus(@Required String tabId, boolean exists, boolean busy) implements SessionPayload {
}
