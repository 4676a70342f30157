package dev.tabrelay.protocol.control;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Stops every event delivery to this client until it subscribes again.")
public record Unsubscribe(String reason) implements ControlPayload {
}
