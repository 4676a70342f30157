package dev.tabrelay.protocol.control;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Tells a peer the session is ending, and why.")
public record ConnectionClose(String reason, Integer code, String message) implements ControlPayload {
}
