package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.Map;

@Description("Annotation command: start, cancel, fetch_stored, store_agent_payload.")
public record AnnotationCommand(
        @Required String requestId,
        @Required String command,
        Integer version,
        String url,
        String tabId,
        Map<String, Object> options,
        Map<String, Object> payload) implements OpsPayload {
}
