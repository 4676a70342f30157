package dev.tabrelay.conformance;

import dev.tabrelay.client.Backoff;
import dev.tabrelay.client.ConnectionListener;
import dev.tabrelay.client.Lease;
import dev.tabrelay.client.OpsClient;
import dev.tabrelay.client.OpsListener;
import dev.tabrelay.client.RelayException;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.ops.CdpEvent;
import dev.tabrelay.protocol.ops.LeaseExpired;
import dev.tabrelay.protocol.ops.LeaseQueued;
import org.junit.jupiter.api.Assumptions;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * An {@link OpsClient} of the ops and lease suites, with everything it is told kept in queues a check awaits (no
 * sleeps). The relay has one lease for everyone: closing the client gives up whatever it held or waited for.
 */
final class OpsClients implements AutoCloseable {

    final OpsClient client;
    final BlockingQueue<LeaseQueued> queued = new LinkedBlockingQueue<>();
    final BlockingQueue<Lease> granted = new LinkedBlockingQueue<>();
    final BlockingQueue<LeaseExpired> expired = new LinkedBlockingQueue<>();
    final BlockingQueue<Message> cdpEvents = new LinkedBlockingQueue<>();
    /** {@code error} frames that answer nothing (notices such as {@code extension-disconnected}). */
    final BlockingQueue<ErrorFrame> notices = new LinkedBlockingQueue<>();

    private OpsClients(ServerTarget target, String clientId, boolean autoRenew) {
        String token = target.ownerToken().orElseThrow();
        client = OpsClient.builder().serverUrl(target.httpBase().toString()).pairingToken(token).clientId(clientId)
                .autoRenewLeases(autoRenew).backoff(Backoff.none()).requestTimeout(Sdk.WAIT)
                .opsListener(new OpsListener() {
                    @Override
                    public void onCdpEvent(CdpEvent event, Message frame) {
                        cdpEvents.add(frame);
                    }

                    @Override
                    public void onLeaseQueued(LeaseQueued value) {
                        queued.add(value);
                    }

                    @Override
                    public void onLeaseGranted(Lease lease) {
                        granted.add(lease);
                    }

                    @Override
                    public void onLeaseExpired(LeaseExpired value) {
                        expired.add(value);
                    }
                })
                .listener(new ConnectionListener() {
                    @Override
                    public void onError(ErrorFrame error, Message frame) {
                        if (error.replyTo() == null) {
                            notices.add(error);
                        }
                    }
                })
                .build();
    }

    /** Skips where the owner's pairing token is unknown (a url target without {@code --token}): /ops needs it. */
    static void assumeOps(ServerTarget target) {
        Assumptions.assumeTrue(target.ownerToken().isPresent(),
                "/ops needs the pairing token even from local tools; give the runner --token");
    }

    /** A connected client (handshake done). */
    static OpsClients connect(ServerTarget target, String clientId, boolean autoRenew) {
        OpsClients ops = new OpsClients(target, clientId, autoRenew);
        Sdk.await(ops.client.connect(), "the ops connection-ack of " + clientId);
        return ops;
    }

    /** The relay error code {@code future} fails with. */
    static String failureCode(CompletableFuture<?> future, String what) {
        return assertInstanceOf(RelayException.class, Sdk.awaitFailure(future, what), what).code();
    }

    /** Awaits the next queue notice and checks the position. */
    void awaitQueuedAt(int position) {
        assertEquals(position, Sdk.take(queued, client + " queued at " + position).position());
    }

    @Override
    public void close() {
        client.close();
    }
}
