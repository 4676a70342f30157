package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Clears stored logs, of one tab when tabId is given. Acknowledged with ack.")
public record ClearLogs(String tabId) implements EventPayload {
}
