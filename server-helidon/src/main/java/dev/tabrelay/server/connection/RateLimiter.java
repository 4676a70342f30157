package dev.tabrelay.server.connection;

/** Fixed one-second window, as in seed 002's MessageThrottler; one instance per connection. */
public final class RateLimiter {

    private final int perSecond;
    private long windowStart;
    private int count;

    /** @param perSecond frames allowed per second; 0 or less disables the limit */
    public RateLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    public synchronized boolean tryAcquire(long nowMillis) {
        if (perSecond <= 0) {
            return true;
        }
        if (nowMillis - windowStart >= 1000) {
            windowStart = nowMillis;
            count = 0;
        }
        if (count >= perSecond) {
            return false;
        }
        count++;
        return true;
    }

    public int perSecond() {
        return perSecond;
    }
}
