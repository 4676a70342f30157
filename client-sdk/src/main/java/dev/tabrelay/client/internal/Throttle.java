package dev.tabrelay.client.internal;

/**
 * At most {@code perSecond} permits in any sliding window of 1.1 s. A sliding window (not a token bucket) so a
 * relay counting in fixed one-second windows never sees more than the limit either; the extra 10 % absorbs the
 * jitter of frames on their way (socket buffers, the relay's scheduling), which otherwise lets the tail of one
 * burst and the head of the next land in the same relay window. Not thread-safe: the caller locks.
 */
public final class Throttle {

    static final long WINDOW_NANOS = 1_100_000_000L;

    private final int perSecond;
    private final long[] sentAt; // ring of the last perSecond send times
    private int next;
    private int count;

    /** @param perSecond permits per second; 0 means unlimited */
    public Throttle(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("messagesPerSecond must not be negative: " + perSecond);
        }
        this.perSecond = perSecond;
        this.sentAt = new long[Math.max(perSecond, 1)];
    }

    public int perSecond() {
        return perSecond;
    }

    /** Takes a permit if one is free at {@code nowNanos}. */
    public boolean tryAcquire(long nowNanos) {
        if (perSecond == 0) {
            return true;
        }
        if (count < perSecond) {
            count++;
        } else if (nowNanos - sentAt[next] < WINDOW_NANOS) {
            return false;
        }
        sentAt[next] = nowNanos;
        next = (next + 1) % perSecond;
        return true;
    }

    /** Takes a permit even when none is free (handshake frames must not wait behind the queue). */
    public void acquireAnyway(long nowNanos) {
        if (!tryAcquire(nowNanos) && perSecond > 0) {
            sentAt[next] = nowNanos;
            next = (next + 1) % perSecond;
        }
    }

    /** Nanoseconds from {@code nowNanos} until the next permit frees up (0 when one is free now). */
    public long nanosUntilPermit(long nowNanos) {
        if (perSecond == 0 || count < perSecond) {
            return 0;
        }
        return Math.max(0, sentAt[next] + WINDOW_NANOS - nowNanos);
    }
}
