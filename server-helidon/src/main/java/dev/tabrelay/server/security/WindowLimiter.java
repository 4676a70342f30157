package dev.tabrelay.server.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window counter per key (e.g. {@code /extension-ws|203.0.113.7}): at most {@code limit} hits per window,
 * the window starting at a key's first hit. The clock is injected so tests move time instead of sleeping.
 * Keys whose window has passed are dropped as the map grows, so a scan from many addresses cannot fill memory.
 */
public final class WindowLimiter {

    private static final int PRUNE_ABOVE = 10_000;

    private record Window(long start, int count) {
    }

    private final int limit;
    private final long windowMs;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public WindowLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a limiter needs limit >= 1 and a positive window");
        }
        this.limit = limit;
        this.windowMs = window.toMillis();
        this.clock = clock;
    }

    /** Counts a hit and says whether it is within the limit (the hit over the limit is counted too). */
    public boolean tryAcquire(String key) {
        return record(key) <= limit;
    }

    /** Counts a hit (a failure, for failure-only limits); returns the count in the current window. */
    public int record(String key) {
        long now = clock.millis();
        prune(now);
        return windows.compute(key, (k, w) -> w == null || now - w.start() >= windowMs
                ? new Window(now, 1) : new Window(w.start(), w.count() + 1)).count();
    }

    /** True when the key already has {@code limit} hits in its current window (does not count). */
    public boolean isLimited(String key) {
        Window w = windows.get(key);
        return w != null && clock.millis() - w.start() < windowMs && w.count() >= limit;
    }

    /** Seconds until the key's window ends (at least 1), for {@code Retry-After}. */
    public long retryAfterSeconds(String key) {
        Window w = windows.get(key);
        long left = w == null ? 0 : w.start() + windowMs - clock.millis();
        return Math.max(1, (left + 999) / 1000);
    }

    public int limit() {
        return limit;
    }

    private void prune(long now) {
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(w -> now - w.start() >= windowMs);
        }
    }
}
