package dev.tabrelay.server.ops;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Delayed tasks for the lease clock. Injectable so tests drive expiry by hand; a task must re-check the clock
 * when it runs (a timer may fire late, or after the deadline it was set for has moved).
 */
@FunctionalInterface
public interface Timers {

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Task {
        void cancel();
    }

    Task schedule(Duration delay, Runnable task);

    static Timers of(ScheduledExecutorService scheduler) {
        return (delay, task) -> {
            ScheduledFuture<?> future = scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }
}
