package dev.tabrelay.server.ops;

import dev.tabrelay.protocol.ops.LeaseExpired;
import dev.tabrelay.protocol.ops.LeaseGranted;
import dev.tabrelay.protocol.ops.LeaseQueued;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The relay's one ops lease: at most one connection drives tabs with CDP at a time, the others wait in a strict
 * FIFO queue. Unlike OpenDevBrowser's hub nobody polls: the relay pushes the grant to the next in line the moment
 * the lease frees up (release, expiry, or the holder's socket closing), and a waiting connection that closes
 * or outlives its {@code waitUntil} leaves the queue at once, so it never blocks the ones behind it.
 * <p>
 * Leases belong to connections, not to client ids: a lease does not survive a reconnect. Notices go out
 * through the {@link Listener} while the lock is held, so they leave in the order the state changed; the
 * listener must only queue frames, never block.
 */
public final class LeaseManager {

    /** Where the lease's news goes: replies and notices to the connections concerned. */
    public interface Listener {
        /** The lease is the connection's (answering {@code requestId}: an acquire, or a renew). */
        void granted(String connectionId, String requestId, LeaseGranted granted);

        /** The connection waits at {@code position}; sent again (same request id) whenever it moves up. */
        void queued(String connectionId, String requestId, LeaseQueued queued);

        /** The holder lost the lease without releasing it (not renewed in time). */
        void expired(String connectionId, LeaseExpired expired);

        /** A waiting request ends without a grant: its wait ran out, or a newer acquire replaced it. */
        void gaveUp(String connectionId, String requestId, String code, String message);
    }

    /** Who holds the lease. */
    public record Holder(String connectionId, String clientId, String leaseId, long grantedAt, long expiresAt) {
    }

    /** A connection in the queue. */
    public record Waiting(String connectionId, String clientId, String requestId, long queuedAt, long waitUntil) {
    }

    /** The state as {@code GET /v1/leases} shows it. */
    public record Snapshot(Optional<Holder> holder, List<Waiting> queue) {
    }

    private final LeaseSettings settings;
    private final Clock clock;
    private final Timers timers;
    private final Supplier<String> leaseIds;
    private final Listener listener;

    private Holder holder;                                  // guarded by this
    private final List<Waiting> queue = new ArrayList<>();  // guarded by this
    /** One timer, set for the earliest deadline (the holder's expiry or a wait's end); guarded by this. */
    private Timers.Task timer;
    private long timerDeadline = Long.MAX_VALUE;

    public LeaseManager(LeaseSettings settings, Clock clock, Timers timers, Supplier<String> leaseIds, Listener listener) {
        this.settings = settings;
        this.clock = clock;
        this.timers = timers;
        this.leaseIds = leaseIds;
        this.listener = listener;
    }

    public LeaseSettings settings() {
        return settings;
    }

    /**
     * A lease-acquire: granted at once when free and nobody waits, renewed when the connection already holds
     * it, otherwise queued (a second acquire while queued keeps the place and refreshes the wait).
     *
     * @param waitMs how long the client is willing to wait; null or non-positive = the relay's maximum
     */
    public synchronized void acquire(String connectionId, String clientId, String requestId, Long waitMs) {
        long now = clock.millis();
        settle(now);
        if (holder != null && holder.connectionId().equals(connectionId)) {
            extend(requestId, now);
            reschedule(now);
            return;
        }
        long wait = settings.queueWait().toMillis();
        if (waitMs != null && waitMs > 0) {
            wait = Math.min(wait, waitMs);
        }
        Waiting waiting = new Waiting(connectionId, clientId, requestId, now, now + wait);
        int index = indexOf(connectionId);
        if (index >= 0) {
            Waiting old = queue.get(index);
            listener.gaveUp(connectionId, old.requestId(), "lease-request-superseded",
                    "a newer lease-acquire from this connection took over its place in the queue");
            queue.set(index, new Waiting(connectionId, clientId, requestId, old.queuedAt(), waiting.waitUntil()));
            listener.queued(connectionId, requestId, new LeaseQueued(index + 1, waiting.waitUntil()));
        } else if (holder == null && queue.isEmpty()) {
            grant(connectionId, clientId, requestId, now);
        } else {
            queue.add(waiting);
            listener.queued(connectionId, requestId, new LeaseQueued(queue.size(), waiting.waitUntil()));
        }
        reschedule(now);
    }

    /** A lease-renew: the holder's lease runs another TTL from now. */
    public synchronized void renew(String connectionId, String leaseId, String requestId) {
        long now = clock.millis();
        settle(now);
        reschedule(now);
        if (holder == null || !holder.connectionId().equals(connectionId)) {
            throw new LeaseException(LeaseException.REQUIRED, "this connection holds no lease to renew"
                    + (holder == null ? "" : "; send lease-acquire to queue for it"));
        }
        if (!holder.leaseId().equals(leaseId)) {
            throw new LeaseException(LeaseException.INVALID, "lease " + leaseId + " is not the lease this connection holds");
        }
        extend(requestId, now);
        reschedule(now);
    }

    /** A lease-release: true when the connection held that lease (the next in line is granted at once). */
    public synchronized boolean release(String connectionId, String leaseId) {
        long now = clock.millis();
        settle(now);
        if (holder == null || !holder.connectionId().equals(connectionId) || !holder.leaseId().equals(leaseId)) {
            reschedule(now);
            return false;
        }
        holder = null;
        grantNext(now);
        reschedule(now);
        return true;
    }

    /** The socket closed: its lease or its queue place goes at once. */
    public synchronized void connectionClosed(String connectionId) {
        long now = clock.millis();
        if (holder != null && holder.connectionId().equals(connectionId)) {
            holder = null;
            grantNext(now);
        } else {
            int index = indexOf(connectionId);
            if (index >= 0) {
                queue.remove(index);
                announcePositions(index);
            }
        }
        reschedule(now);
    }

    /** Whether the connection holds the lease right now (an overdue lease is expired first). */
    public synchronized boolean holds(String connectionId) {
        settleAndReschedule();
        return holder != null && holder.connectionId().equals(connectionId);
    }

    public synchronized Optional<Holder> holder() {
        settleAndReschedule();
        return Optional.ofNullable(holder);
    }

    public synchronized Snapshot snapshot() {
        settleAndReschedule();
        return new Snapshot(Optional.ofNullable(holder), List.copyOf(queue));
    }

    // ---- internals, all called with the lock held --------------------------------------------------------

    private void grant(String connectionId, String clientId, String requestId, long now) {
        holder = new Holder(connectionId, clientId, leaseIds.get(), now, now + settings.ttl().toMillis());
        listener.granted(connectionId, requestId, granted());
    }

    private void extend(String requestId, long now) {
        holder = new Holder(holder.connectionId(), holder.clientId(), holder.leaseId(), holder.grantedAt(),
                now + settings.ttl().toMillis());
        listener.granted(holder.connectionId(), requestId, granted());
    }

    private LeaseGranted granted() {
        return new LeaseGranted(holder.leaseId(), holder.expiresAt(), settings.ttl().toMillis(),
                settings.renewAfter().toMillis());
    }

    /** Runs when the earliest deadline may have come; the clock decides, not the timer. */
    private synchronized void onTimer() {
        long now = clock.millis();
        timer = null;
        timerDeadline = Long.MAX_VALUE;
        settle(now);
        reschedule(now);
    }

    /** Applies whatever deadlines have passed: an overdue holder expires, overdue waits end. */
    private void settle(long now) {
        expireIfDue(now);
        dropOverdue(now);
    }

    private void settleAndReschedule() {
        long now = clock.millis();
        settle(now);
        reschedule(now);
    }

    /** Points the one timer at the earliest deadline left (a timer that fires early simply sets itself again). */
    private void reschedule(long now) {
        long deadline = holder == null ? Long.MAX_VALUE : holder.expiresAt();
        for (Waiting w : queue) {
            deadline = Math.min(deadline, w.waitUntil());
        }
        if (deadline == timerDeadline && timer != null) {
            return;
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        timerDeadline = deadline;
        if (deadline != Long.MAX_VALUE) {
            timer = timers.schedule(Duration.ofMillis(Math.max(0, deadline - now)), this::onTimer);
        }
    }

    private void expireIfDue(long now) {
        if (holder != null && now >= holder.expiresAt()) {
            Holder old = holder;
            holder = null;
            listener.expired(old.connectionId(), new LeaseExpired(old.leaseId(), "not-renewed"));
            grantNext(now);
        }
    }

    private void grantNext(long now) {
        dropOverdue(now);
        if (holder != null || queue.isEmpty()) {
            return;
        }
        Waiting next = queue.remove(0);
        grant(next.connectionId(), next.clientId(), next.requestId(), now);
        announcePositions(0);
    }

    /** Waiting requests whose wait is over leave the queue (with an error reply); those behind move up. */
    private void dropOverdue(long now) {
        int first = -1;
        int index = 0;
        for (Iterator<Waiting> it = queue.iterator(); it.hasNext(); index++) {
            Waiting w = it.next();
            if (now >= w.waitUntil()) {
                first = first < 0 ? index : first;
                it.remove();
                index--;
                listener.gaveUp(w.connectionId(), w.requestId(), "lease-wait-timeout",
                        "the lease was not free within the wait; send lease-acquire again to queue anew");
            }
        }
        if (first >= 0) {
            announcePositions(first);
        }
    }

    /** Everyone from {@code fromIndex} on moved up: tell them their new place (same request id as before). */
    private void announcePositions(int fromIndex) {
        for (int i = fromIndex; i < queue.size(); i++) {
            Waiting w = queue.get(i);
            listener.queued(w.connectionId(), w.requestId(), new LeaseQueued(i + 1, w.waitUntil()));
        }
    }

    private int indexOf(String connectionId) {
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i).connectionId().equals(connectionId)) {
                return i;
            }
        }
        return -1;
    }
}
