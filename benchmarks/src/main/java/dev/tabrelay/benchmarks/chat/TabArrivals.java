package dev.tabrelay.benchmarks.chat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each plain request reached its tab, so a relayed latency splits into "to the tab" (client, relay inbound,
 * tab socket) and "back" (relay outbound, client). Tabs and client share this JVM's clock. A plain request's prompt
 * carries a sequence number ({@code ... #42}); the tab stamps that slot when the frame arrives. Slots are reused
 * modulo {@value #SLOTS}: far more than the requests ever in flight at once.
 */
final class TabArrivals {

    private static final int SLOTS = 1 << 16;

    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLongArray arrivals = new AtomicLongArray(SLOTS);

    /** A fresh sequence number for the next plain request; its slot is cleared. */
    long next() {
        long seq = sequence.incrementAndGet();
        arrivals.set(slot(seq), 0);
        return seq;
    }

    void arrived(long seq, long nanos) {
        arrivals.set(slot(seq), nanos);
    }

    /** {@link System#nanoTime()} when request {@code seq} reached its tab, or 0 if it has not. */
    long arrivalOf(long seq) {
        return arrivals.get(slot(seq));
    }

    private static int slot(long seq) {
        return (int) (seq & (SLOTS - 1));
    }
}
