package dev.tabrelay.server.connection;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps silent peers honest. A peer silent (no frame, ping or pong) for one heartbeat interval gets a WebSocket
 * ping: browsers and most clients answer it by themselves, so extensions that never send anything while idle
 * (Chat Relay's) stay connected. A peer silent for two intervals is closed with {@link #HEARTBEAT_TIMEOUT}.
 * Closing goes through the registry, so whatever waited on the peer fails at once instead of at its own timeout.
 */
public final class LivenessMonitor implements AutoCloseable {

    /** Private-use close code: not 1000/1001, so extensions that reconnect on abnormal closes do so. */
    public static final int HEARTBEAT_TIMEOUT = 4000;

    private final ConnectionRegistry registry;
    private final Clock clock;
    private final long pingAfterMillis;
    private final long silenceLimitMillis;
    private final ScheduledFuture<?> task;

    public LivenessMonitor(ConnectionRegistry registry, Clock clock, Duration heartbeatInterval,
                           ScheduledExecutorService scheduler) {
        this.registry = registry;
        this.clock = clock;
        this.pingAfterMillis = heartbeatInterval.toMillis();
        this.silenceLimitMillis = heartbeatInterval.toMillis() * 2;
        long period = Math.max(10, heartbeatInterval.toMillis() / 4);
        this.task = scheduler.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        long now = clock.millis();
        for (Connection connection : registry.all()) {
            long silent = now - connection.lastSeen();
            if (silent > silenceLimitMillis) {
                registry.terminate(connection, HEARTBEAT_TIMEOUT, "heartbeat timeout: silent for more than "
                        + silenceLimitMillis + " ms");
            } else if (silent >= pingAfterMillis && connection.lastPingSent() <= connection.lastSeen()) {
                // Once per silence: the pong moves lastSeen, and the next silence pings again. "<=": on loopback
                // the pong may come back within the millisecond the ping was stamped with.
                connection.ping(now);
            }
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
