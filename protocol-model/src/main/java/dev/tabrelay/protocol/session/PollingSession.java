package dev.tabrelay.protocol.session;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Ask whether the session of a tab exists and whether it is busy.")
public record PollingSession(@Required String tabId) implements SessionPayload {
}
