package dev.tabrelay.client;

import dev.tabrelay.protocol.ops.LeaseGranted;

/**
 * The ops lease: yours until {@code expiresAt} (epoch ms) unless renewed; renew after {@code renewAfterMs}.
 */
public record Lease(String leaseId, long expiresAt, long ttlMs, long renewAfterMs) {

    static Lease of(LeaseGranted granted) {
        return new Lease(granted.leaseId(), granted.expiresAt(), granted.ttlMs(), granted.renewAfterMs());
    }
}
