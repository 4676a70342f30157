package dev.tabrelay.benchmarks.fanout;

import java.util.concurrent.locks.LockSupport;

/**
 * State shared by the one sender and its receivers during a measurement: where the measured part starts, and
 * the sender's wake-up point when its window is full. Receivers unpark the sender only when they cross that
 * point, so a waiting sender costs at most one unpark per receiver per wait.
 */
final class Flow {

    static final long NOT_WAITING = Long.MAX_VALUE;

    final Thread sender;
    final LatencySamples samples;
    final int sampleEvery;
    /** First sequence number of the measured part; receivers ignore earlier (warmup) events. */
    volatile long measureFromSeq = Long.MAX_VALUE;
    /** The sender waits until every receiver has accounted for this many events. */
    volatile long resumeAt = NOT_WAITING;

    Flow(Thread sender, LatencySamples samples, int sampleEvery) {
        this.sender = sender;
        this.samples = samples;
        this.sampleEvery = sampleEvery;
    }

    /** Called by a receiver after it accounted for events up to {@code accounted} (was {@code before}). */
    void advanced(long before, long accounted) {
        long target = resumeAt;
        if (before < target && accounted >= target) {
            LockSupport.unpark(sender);
        }
    }
}
