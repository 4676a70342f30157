package dev.tabrelay.server.connection;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes peers that have been silent (no frame, ping or pong) for two heartbeat intervals. Closing goes through
 * the registry, so whatever waited on the peer fails at once instead of at its own timeout.
 */
public final class LivenessMonitor implements AutoCloseable {

    /** Private-use close code: not 1000/1001, so extensions that reconnect on abnormal closes do so. */
    public static final int HEARTBEAT_TIMEOUT = 4000;

    private final ConnectionRegistry registry;
    private final Clock clock;
    private final long silenceLimitMillis;
    private final ScheduledFuture<?> task;

    public LivenessMonitor(ConnectionRegistry registry, Clock clock, Duration heartbeatInterval,
                           ScheduledExecutorService scheduler) {
        this.registry = registry;
        this.clock = clock;
        this.silenceLimitMillis = heartbeatInterval.toMillis() * 2;
        long period = Math.max(10, heartbeatInterval.toMillis() / 4);
        this.task = scheduler.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        long now = clock.millis();
        for (Connection connection : registry.all()) {
            if (now - connection.lastSeen() > silenceLimitMillis) {
                registry.terminate(connection, HEARTBEAT_TIMEOUT, "heartbeat timeout: silent for more than "
                        + silenceLimitMillis + " ms");
            }
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
