package dev.tabrelay.client.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The two threads one client owns: a serial executor for every callback (so listeners never run concurrently
 * and never on OkHttp's reader thread) and a timer for timeouts, heartbeats, throttling and reconnects.
 */
public final class ClientThreads {

    private final String name;
    private final ExecutorService callbacks;
    private final ScheduledExecutorService timers;
    private volatile Thread callbackThread;

    public ClientThreads(String name) {
        this.name = name;
        this.callbacks = Executors.newSingleThreadExecutor(factory(name + "-callbacks", true));
        this.timers = Executors.newSingleThreadScheduledExecutor(factory(name + "-timers", false));
    }

    private ThreadFactory factory(String threadName, boolean remember) {
        return runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            if (remember) {
                callbackThread = thread;
            }
            return thread;
        };
    }

    public String name() {
        return name;
    }

    /** Runs on the callback thread; after shutdown the task is dropped (nobody is listening any more). */
    public void callback(Runnable task) {
        try {
            callbacks.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: callbacks after close are not delivered
        }
    }

    public boolean onCallbackThread() {
        return Thread.currentThread() == callbackThread;
    }

    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        try {
            return timers.schedule(task, delay, unit);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    public ScheduledFuture<?> repeat(Runnable task, long periodMillis) {
        try {
            return timers.scheduleAtFixedRate(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Stops the timer at once and lets queued callbacks run; waits unless called from the callback thread. */
    public void shutdown(long waitMillis) {
        timers.shutdownNow();
        callbacks.shutdown();
        try {
            timers.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
            if (!onCallbackThread()) {
                callbacks.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A short, probably unique name for a client's threads, e.g. {@code tabrelay-mcp-3fa2}. */
    public static String nameFor(String role) {
        return "tabrelay-" + role + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }
}
