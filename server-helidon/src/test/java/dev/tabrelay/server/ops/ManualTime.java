package dev.tabrelay.server.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and timers that move only when the test says so: {@link #advance} runs what came due, in order. */
final class ManualTime extends Clock implements Timers {

    private record Scheduled(long at, long seq, Runnable task, boolean[] cancelled) {
    }

    private long now = 1_750_000_000_000L;
    private long seq;
    private final List<Scheduled> tasks = new ArrayList<>();

    @Override
    public synchronized Task schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Scheduled(now + Math.max(0, delay.toMillis()), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock forward, running each timer that comes due at its own time. */
    void advance(Duration by) {
        long target;
        synchronized (this) {
            target = now + by.toMillis();
        }
        while (true) {
            Scheduled next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.cancelled()[0] && t.at() <= target)
                        .min(Comparator.comparingLong(Scheduled::at).thenComparingLong(Scheduled::seq)).orElse(null);
                if (next == null) {
                    now = target;
                    tasks.removeIf(t -> t.cancelled()[0]);
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.at());
            }
            next.task().run();
        }
    }

    synchronized int pendingTimers() {
        return (int) tasks.stream().filter(t -> !t.cancelled()[0]).count();
    }

    @Override
    public synchronized long millis() {
        return now;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
