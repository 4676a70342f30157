package dev.tabrelay.conformance;

import dev.tabrelay.client.Lease;
import dev.tabrelay.protocol.ops.LeaseExpired;
import org.junit.jupiter.api.Assumptions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's one FIFO ops lease (docs/ops.md, The lease), with several {@link dev.tabrelay.client.OpsClient}s:
 * contention in order, a holder or a waiter that dies, renewal and expiry, {@code GET /v1/leases}. Grants and
 * queue moves are pushed by the relay and awaited here; holders that must not expire renew automatically, so a
 * grant to the next in line can only come from what the check did.
 */
class LeaseConformanceIT {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> leases(RelayClient relay) {
        RelayClient.HttpReply reply = relay.get("/v1/leases");
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    @SuppressWarnings("unchecked")
    private static List<String> queuedClientIds(Map<String, Object> leases) {
        return ((List<Map<String, Object>>) leases.get("queue")).stream().map(e -> (String) e.get("clientId")).toList();
    }

    private static Object holderClientId(Map<String, Object> leases) {
        return Json.child(leases, "holder").get("clientId");
    }

    @ConformanceTest
    void twoClientsContendInFifoOrder(ServerTarget target, RelayClient relay) {
        OpsClients.assumeOps(target);
        String a = Sdk.unique("first");
        String b = Sdk.unique("second");
        String c = Sdk.unique("third");
        try (OpsClients first = OpsClients.connect(target, a, true);
             OpsClients second = OpsClients.connect(target, b, true);
             OpsClients third = OpsClients.connect(target, c, true)) {
            Lease held = Sdk.await(first.client.acquireLease(), "the free lease");
            CompletableFuture<Lease> secondWaits = second.client.acquireLease();
            second.awaitQueuedAt(1);
            CompletableFuture<Lease> thirdWaits = third.client.acquireLease();
            third.awaitQueuedAt(2);

            Map<String, Object> state = leases(relay);
            assertEquals(a, holderClientId(state), state.toString());
            assertEquals(List.of(b, c), queuedClientIds(state));
            assertFalse(Json.write(state).contains(held.leaseId()), "GET /v1/leases never shows lease ids: " + state);

            assertTrue(Sdk.await(first.client.releaseLease(held), "the release"));
            Lease secondLease = Sdk.await(secondWaits, "the second client's grant");
            third.awaitQueuedAt(1);
            assertFalse(thirdWaits.isDone(), "the third still waits");
            assertEquals(b, holderClientId(leases(relay)));

            assertTrue(Sdk.await(second.client.releaseLease(secondLease), "the second release"));
            Lease thirdLease = Sdk.await(thirdWaits, "the third client's grant");
            assertNotEquals(secondLease.leaseId(), thirdLease.leaseId());
            assertTrue(Sdk.await(third.client.releaseLease(thirdLease), "the third release"));
            assertNull(leases(relay).get("holder"), "nobody holds it afterwards");
        }
    }

    @ConformanceTest
    void aHolderDyingMidLeaseHandsItToTheNextAtOnce(ServerTarget target, RelayClient relay) {
        OpsClients.assumeOps(target);
        String next = Sdk.unique("next");
        try (OpsClients waiter = OpsClients.connect(target, next, true)) {
            CompletableFuture<Lease> waits;
            OpsClients holder = OpsClients.connect(target, Sdk.unique("dying"), true);
            try (holder) {
                Sdk.await(holder.client.acquireLease(), "the lease");
                waits = waiter.client.acquireLease();
                waiter.awaitQueuedAt(1);
            } // the holder's socket closes while it holds the lease (it renews: it would never expire)
            Lease lease = Sdk.await(waits, "the grant after the holder died");
            assertEquals(next, holderClientId(leases(relay)));
            // Relay clock, not a stopwatch: the grant came before the dead holder's last grant would have run out,
            // so the socket closing released it, not the expiry.
            long lastExpiry = holder.granted.stream().mapToLong(Lease::expiresAt).max().orElseThrow();
            long grantedAt = lease.expiresAt() - lease.ttlMs();
            assertTrue(grantedAt < lastExpiry, "granted at " + grantedAt + ", the holder's lease ran until " + lastExpiry);
            Sdk.await(waiter.client.releaseLease(lease), "the release");
        }
    }

    @ConformanceTest
    void aQueuedClientLeavingMovesTheOnesBehindItUp(ServerTarget target, RelayClient relay) {
        OpsClients.assumeOps(target);
        String last = Sdk.unique("last");
        try (OpsClients holder = OpsClients.connect(target, Sdk.unique("holder"), true);
             OpsClients behind = OpsClients.connect(target, last, true)) {
            Lease held = Sdk.await(holder.client.acquireLease(), "the lease");
            CompletableFuture<Lease> behindWaits;
            try (OpsClients leaving = OpsClients.connect(target, Sdk.unique("leaving"), true)) {
                CompletableFuture<Lease> leavingWaits = leaving.client.acquireLease();
                leaving.awaitQueuedAt(1);
                behindWaits = behind.client.acquireLease();
                behind.awaitQueuedAt(2);
                assertFalse(leavingWaits.isDone());
            }
            behind.awaitQueuedAt(1);
            assertEquals(List.of(last), queuedClientIds(leases(relay)));
            assertTrue(Sdk.await(holder.client.releaseLease(held), "the release"));
            Lease lease = Sdk.await(behindWaits, "the grant");
            Sdk.await(behind.client.releaseLease(lease), "the release");
        }
    }

    @ConformanceTest
    void aRenewedLeaseLastsAndAnUnrenewedOneExpiresToTheNext(ServerTarget target, RelayClient relay) {
        OpsClients.assumeOps(target);
        Assumptions.assumeTrue(ServerOptions.configured(target), "waits for a lease to expire: needs the short"
                + " lease-ttl-ms the suite starts its own targets with");
        String next = Sdk.unique("next");
        try (OpsClients lazy = OpsClients.connect(target, Sdk.unique("lazy"), false);
             OpsClients waiter = OpsClients.connect(target, next, true)) {
            Lease lease = Sdk.await(lazy.client.acquireLease(), "the lease");
            assertEquals(ServerOptions.LEASE_TTL.toMillis(), lease.ttlMs());
            assertEquals(ServerOptions.LEASE_RENEW_AFTER.toMillis(), lease.renewAfterMs());
            Lease renewed = Sdk.await(lazy.client.renewLease(lease), "the renewal");
            assertEquals(lease.leaseId(), renewed.leaseId(), "a renewal keeps the lease");
            assertTrue(renewed.expiresAt() >= lease.expiresAt(), renewed + " after " + lease);
            assertEquals("lease-invalid", OpsClients.failureCode(lazy.client.renewLease(
                    new Lease("not-" + lease.leaseId(), 0, 0, 0)), "renewing another lease id"));

            CompletableFuture<Lease> waits = waiter.client.acquireLease();
            waiter.awaitQueuedAt(1);
            // The lazy holder stops renewing: the relay tells it, and grants the next in the same moment.
            LeaseExpired expired = Sdk.take(lazy.expired, "lease-expired");
            assertEquals(lease.leaseId(), expired.leaseId());
            assertEquals("not-renewed", expired.reason());
            Lease next2 = Sdk.await(waits, "the grant after the expiry");
            assertEquals(next, holderClientId(leases(relay)));
            assertEquals("lease-required", OpsClients.failureCode(lazy.client.cdp("Browser.getVersion", Map.of()),
                    "CDP after the lease expired"));
            Sdk.await(waiter.client.releaseLease(next2), "the release");
        }
    }
}
