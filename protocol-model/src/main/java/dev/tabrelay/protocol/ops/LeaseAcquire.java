package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Ask for the ops lease; granted at once, or queued FIFO.")
public record LeaseAcquire(
        @Description("Stable id of the asking tool (survives reconnects).") String clientId,
        @Description("How long to wait in the queue before giving up, ms.") Long waitMs) implements OpsPayload {
}
