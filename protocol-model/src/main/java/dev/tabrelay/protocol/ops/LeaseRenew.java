package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Extend the lease by its TTL.")
public record LeaseRenew(@Required String leaseId) implements OpsPayload {
}
