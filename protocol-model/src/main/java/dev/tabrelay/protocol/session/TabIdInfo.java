package dev.tabrelay.protocol.session;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Reply to GetTabId.")
public record TabIdInfo(@Required String tabId) implements SessionPayload {
}
