package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Reply to lease-release.")
public record LeaseReleased(@Required String leaseId, boolean released) implements OpsPayload {
}
