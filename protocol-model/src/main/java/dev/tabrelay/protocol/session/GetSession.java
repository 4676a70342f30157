package dev.tabrelay.protocol.session;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Ask for the session of a tab.")
public record GetSession(@Required String tabId) implements SessionPayload {
}
