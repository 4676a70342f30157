package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.Map;

@Description("A CDP event from the tab.")
public record CdpEvent(@Required String method, Map<String, Object> params, String sessionId) implements OpsPayload {
}
