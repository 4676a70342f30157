package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("The lease ended without a release: not renewed in time, or its holder vanished.")
public record LeaseExpired(@Required String leaseId, String reason) implements OpsPayload {
}
