package dev.tabrelay.protocol.session;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Reply to Disconnect; existed is false when there was no such session.")
public record SessionDisconnected(@Required String tabId, boolean existed) implements SessionPayload {
}
