package dev.tabrelay.benchmarks.fanout;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency samples in nanoseconds, written concurrently by the receiving threads into one preallocated array
 * (no allocation while measuring), sorted once at the end. Samples past the capacity are counted, not stored.
 */
public final class LatencySamples {

    private final long[] values;
    private final AtomicInteger next = new AtomicInteger();

    public LatencySamples(int capacity) {
        values = new long[capacity];
    }

    public void reset() {
        next.set(0);
    }

    public void add(long nanos) {
        int index = next.getAndIncrement();
        if (index < values.length) {
            values[index] = nanos;
        }
    }

    /** Samples offered, including any that did not fit. */
    public int offered() {
        return next.get();
    }

    public boolean truncated() {
        return next.get() > values.length;
    }

    /** Sorted copy of the stored samples; call once the receivers are quiet. */
    public Summary summarize() {
        int n = Math.min(next.get(), values.length);
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return new Summary(n, quantile(sorted, 0.50), quantile(sorted, 0.99), quantile(sorted, 0.999),
                n == 0 ? 0 : sorted[n - 1]);
    }

    private static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Quantiles in nanoseconds. */
    public record Summary(int count, long p50, long p99, long p999, long max) {
    }
}
