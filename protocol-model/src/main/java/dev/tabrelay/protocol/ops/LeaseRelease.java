package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Give the lease back; the next in the queue gets it.")
public record LeaseRelease(@Required String leaseId) implements OpsPayload {
}
