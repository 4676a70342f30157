package dev.tabrelay.server.ops;

import java.time.Duration;

/**
 * The FIFO lease's clock (defaults after OpenDevBrowser's hub: 60 s TTL, renew after 20 s, 30 s in the queue).
 *
 * @param ttl        how long a grant or renewal lasts
 * @param renewAfter when holders are told to renew (must be shorter than the TTL)
 * @param queueWait  the longest a client may wait in the queue; a client may ask for less with {@code waitMs}
 */
public record LeaseSettings(Duration ttl, Duration renewAfter, Duration queueWait) {

    public LeaseSettings {
        if (ttl.toMillis() <= 0 || renewAfter.toMillis() <= 0 || queueWait.toMillis() <= 0) {
            throw new IllegalArgumentException("lease-ttl-ms, lease-renew-after-ms and lease-queue-wait-ms must be positive");
        }
        if (renewAfter.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("lease-renew-after-ms must be shorter than lease-ttl-ms");
        }
    }

    public static LeaseSettings defaults() {
        return new LeaseSettings(Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(30));
    }
}
