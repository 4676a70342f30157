package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("The lease is yours until expiresAt (epoch ms) unless renewed.")
public record LeaseGranted(
        @Required String leaseId,
        long expiresAt,
        long ttlMs,
        @Description("When to renew, ms from now.") long renewAfterMs) implements OpsPayload {
}
