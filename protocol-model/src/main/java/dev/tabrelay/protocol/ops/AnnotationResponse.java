package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.Map;

@Description("Reply to annotation-command: status ok with payload, or error.")
public record AnnotationResponse(
        @Required String requestId,
        @Required @Description("ok or error") String status,
        Map<String, Object> payload,
        CdpError error) implements OpsPayload {
}
