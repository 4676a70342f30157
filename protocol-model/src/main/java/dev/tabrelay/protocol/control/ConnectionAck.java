package dev.tabrelay.protocol.control;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.List;

@Description("The relay's answer to connection-init.")
public record ConnectionAck(
        @Required String sessionId,
        String serverId,
        List<String> supportedProtocols,
        @Description("Largest frame the relay accepts, in bytes.") long maxMessageSize,
        @Description("Milliseconds between heartbeats the relay expects.") long heartbeatInterval) implements ControlPayload {
}
