package dev.tabrelay.server.ops;

import dev.tabrelay.protocol.ops.LeaseExpired;
import dev.tabrelay.protocol.ops.LeaseGranted;
import dev.tabrelay.protocol.ops.LeaseQueued;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lease's rules with a hand-driven clock: every deadline is hit exactly, nothing sleeps. */
class LeaseManagerTest {

    /** What the lease said, as "kind conn request detail". */
    private static final class Notices implements LeaseManager.Listener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void granted(String connectionId, String requestId, LeaseGranted granted) {
            seen.add("granted " + connectionId + " " + requestId + " " + granted.leaseId() + " " + granted.expiresAt());
        }

        @Override
        public void queued(String connectionId, String requestId, LeaseQueued queued) {
            seen.add("queued " + connectionId + " " + requestId + " " + queued.position() + " " + queued.waitUntil());
        }

        @Override
        public void expired(String connectionId, LeaseExpired expired) {
            seen.add("expired " + connectionId + " " + expired.leaseId() + " " + expired.reason());
        }

        @Override
        public void gaveUp(String connectionId, String requestId, String code, String message) {
            seen.add("gaveUp " + connectionId + " " + requestId + " " + code);
        }

        List<String> drain() {
            List<String> copy = List.copyOf(seen);
            seen.clear();
            return copy;
        }
    }

    private final ManualTime time = new ManualTime();
    private final Notices notices = new Notices();
    private final AtomicInteger leaseIds = new AtomicInteger();
    private final LeaseManager leases = new LeaseManager(new LeaseSettings(Duration.ofSeconds(60), Duration.ofSeconds(20),
            Duration.ofSeconds(30)), time, time, () -> "L" + leaseIds.incrementAndGet(), notices);
    private final long t0 = time.millis();

    @Test
    void grantsInStrictFifoOrderAsEachHolderReleases() {
        leases.acquire("a", "tool-a", "r1", null);
        leases.acquire("b", "tool-b", "r2", null);
        leases.acquire("c", "tool-c", "r3", null);
        assertEquals(List.of("granted a r1 L1 " + (t0 + 60_000), "queued b r2 1 " + (t0 + 30_000),
                "queued c r3 2 " + (t0 + 30_000)), notices.drain());

        assertFalse(leases.release("b", "L1"), "only the holder can release");
        assertTrue(leases.release("a", "L1"));
        assertEquals(List.of("granted b r2 L2 " + (t0 + 60_000), "queued c r3 1 " + (t0 + 30_000)), notices.drain());
        assertTrue(leases.holds("b"));
        assertTrue(leases.release("b", "L2"));
        assertEquals(List.of("granted c r3 L3 " + (t0 + 60_000)), notices.drain());
        assertFalse(leases.release("c", "L3-wrong"));
    }

    @Test
    void aHolderWhoseSocketClosesLosesTheLeaseAndTheNextIsGrantedAtOnce() {
        leases.acquire("a", "tool-a", "r1", null);
        leases.acquire("b", "tool-b", "r2", null);
        notices.drain();
        leases.connectionClosed("a");
        assertEquals(List.of("granted b r2 L2 " + (t0 + 60_000)), notices.drain());
        assertEquals("b", leases.holder().orElseThrow().connectionId());
    }

    @Test
    void aQueuedClientThatLeavesNeverBlocksTheOnesBehindIt() {
        leases.acquire("a", null, "r1", null);
        leases.acquire("b", null, "r2", null);
        leases.acquire("c", null, "r3", null);
        notices.drain();
        leases.connectionClosed("b");
        assertEquals(List.of("queued c r3 1 " + (t0 + 30_000)), notices.drain(), "c moves up at once");
        leases.release("a", "L1");
        assertEquals(List.of("granted c r3 L2 " + (t0 + 60_000)), notices.drain(), "b is not in the way");
    }

    @Test
    void anUnrenewedLeaseExpiresExactlyAtItsDeadlineAndPassesOn() {
        leases.acquire("a", null, "r1", null);
        leases.acquire("b", null, "r2", Duration.ofSeconds(120).toMillis());
        notices.drain();
        time.advance(Duration.ofMillis(59_999));
        assertTrue(leases.holds("a"));
        // b asked to wait 120 s but the relay caps the wait at 30 s: it gave up at t0+30 s, long before a expired.
        assertEquals(List.of("gaveUp b r2 lease-wait-timeout"), notices.drain());
        time.advance(Duration.ofMillis(1));
        assertEquals(List.of("expired a L1 not-renewed"), notices.drain());
        assertTrue(leases.holder().isEmpty());
    }

    @Test
    void renewingMovesTheDeadlineAndTheNextInLineGetsItOnExpiry() {
        leases.acquire("a", null, "r1", null);
        time.advance(Duration.ofSeconds(20));
        leases.acquire("b", null, "r2", null);
        leases.renew("a", "L1", "r3");
        assertEquals(List.of("granted a r1 L1 " + (t0 + 60_000), "queued b r2 1 " + (t0 + 50_000),
                "granted a r3 L1 " + (t0 + 80_000)), notices.drain());
        time.advance(Duration.ofSeconds(29));
        leases.acquire("b", null, "r4", null); // keeps its place, refreshes its wait
        assertEquals(List.of("gaveUp b r2 lease-request-superseded", "queued b r4 1 " + (t0 + 79_000)), notices.drain());
        time.advance(Duration.ofSeconds(31)); // t0+80 s: b's wait ended at t0+79 s, just before a expired
        assertEquals(List.of("gaveUp b r4 lease-wait-timeout", "expired a L1 not-renewed"), notices.drain());
    }

    @Test
    void expiryGrantsTheWaitingClientImmediately() {
        leases.acquire("a", null, "r1", null);
        time.advance(Duration.ofSeconds(45));
        leases.acquire("b", null, "r2", null); // waits until t0+75 s, a expires at t0+60 s
        notices.drain();
        time.advance(Duration.ofSeconds(15));
        assertEquals(List.of("expired a L1 not-renewed", "granted b r2 L2 " + (t0 + 120_000)), notices.drain());
    }

    @Test
    void renewAndAcquireWhileHolding() {
        LeaseException none = assertThrows(LeaseException.class, () -> leases.renew("a", "L1", "r0"));
        assertEquals(LeaseException.REQUIRED, none.code());
        leases.acquire("a", null, "r1", null);
        LeaseException wrong = assertThrows(LeaseException.class, () -> leases.renew("a", "nope", "r2"));
        assertEquals(LeaseException.INVALID, wrong.code());
        time.advance(Duration.ofSeconds(10));
        leases.acquire("a", null, "r3", null); // a second acquire by the holder renews
        assertEquals(List.of("granted a r1 L1 " + (t0 + 60_000), "granted a r3 L1 " + (t0 + 70_000)), notices.drain());
        time.advance(Duration.ofSeconds(60));
        assertEquals(List.of("expired a L1 not-renewed"), notices.drain());
        assertThrows(LeaseException.class, () -> leases.renew("a", "L1", "r4"), "an expired lease cannot be renewed");
    }

    @Test
    void snapshotShowsHolderAndQueueAndNoTimersAreLeftBehind() {
        leases.acquire("a", "tool-a", "r1", null);
        leases.acquire("b", "tool-b", "r2", 5_000L);
        LeaseManager.Snapshot snapshot = leases.snapshot();
        assertEquals("tool-a", snapshot.holder().orElseThrow().clientId());
        assertEquals(List.of("b"), snapshot.queue().stream().map(LeaseManager.Waiting::connectionId).toList());
        assertEquals(t0 + 5_000, snapshot.queue().get(0).waitUntil());
        leases.connectionClosed("b");
        leases.release("a", "L1");
        assertEquals(0, time.pendingTimers());
    }
}
