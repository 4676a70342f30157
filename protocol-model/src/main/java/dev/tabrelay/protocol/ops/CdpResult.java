package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.Map;

@Description("The outcome of a cdp-command: result or error, with the command's id.")
public record CdpResult(
        @Required Long id,
        Map<String, Object> result,
        CdpError error,
        String sessionId) implements OpsPayload {
}
