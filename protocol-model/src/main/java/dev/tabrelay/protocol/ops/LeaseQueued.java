package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Someone else holds the lease; you are in the FIFO queue at position (1 = next).")
public record LeaseQueued(int position, @Description("Epoch ms the queue entry gives up.") long waitUntil) implements OpsPayload {
}
