package dev.tabrelay.server.connection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitor's decisions on a hand-moved clock: ping after one silent interval, close after two. */
class LivenessMonitorTest {

    private static final long INTERVAL = 1000;

    /** A clock the test moves; the monitor reads it on each sweep. */
    private static final class ManualClock extends Clock {
        long millis = 1_000_000;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ManualClock clock = new ManualClock();
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final OutboundQueueTest.RecordingSink sink = new OutboundQueueTest.RecordingSink();
    private final Connection connection = new Connection("ext_1", ConnectionKind.EXTENSION, null, null, clock.millis,
            new OutboundQueue(sink, Runnable::run, 4, null), new RateLimiter(0), m -> List.of());
    private final LivenessMonitor monitor = new LivenessMonitor(registry, clock, Duration.ofMillis(INTERVAL), scheduler);

    LivenessMonitorTest() {
        monitor.close(); // no timer: the test sweeps by hand
        registry.add(connection);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void pingsOncePerSilenceAndAPongKeepsThePeer() {
        clock.millis += INTERVAL - 1;
        monitor.sweep();
        assertEquals(List.of(), sink.written, "not silent for a whole interval yet");
        clock.millis += 1;
        monitor.sweep();
        clock.millis += INTERVAL / 2;
        monitor.sweep();
        assertEquals(List.of("ping"), sink.written, "one ping per silence");

        connection.touch(clock.millis); // the pong
        clock.millis += INTERVAL + INTERVAL / 2;
        monitor.sweep();
        assertEquals(List.of("ping", "ping"), sink.written);
        assertTrue(connection.isOpen());
    }

    @Test
    void aPongWithinTheSameMillisecondCounts() {
        clock.millis += INTERVAL;
        monitor.sweep();
        connection.touch(clock.millis); // loopback: the pong came back before the clock moved
        clock.millis += INTERVAL;
        monitor.sweep();
        assertEquals(List.of("ping", "ping"), sink.written);
        clock.millis += INTERVAL / 2;
        monitor.sweep();
        assertTrue(connection.isOpen());
    }

    @Test
    void aPeerThatNeverAnswersIsClosedAfterTwoIntervals() {
        clock.millis += INTERVAL;
        monitor.sweep();
        clock.millis += INTERVAL;
        monitor.sweep();
        assertTrue(connection.isOpen(), "exactly two intervals is still allowed");
        clock.millis += 1;
        monitor.sweep();
        assertFalse(connection.isOpen());
        assertEquals(List.of("ping", "close " + LivenessMonitor.HEARTBEAT_TIMEOUT), sink.written);
    }
}
