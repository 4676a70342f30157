package dev.tabrelay.client;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.ops.CdpEvent;
import dev.tabrelay.protocol.ops.LeaseExpired;
import dev.tabrelay.protocol.ops.LeaseQueued;

/** What an {@link OpsClient} is told besides replies. No-op defaults; called on the client's callback thread. */
public interface OpsListener {

    /** A CDP event from the tab. */
    default void onCdpEvent(CdpEvent event, Message frame) {
    }

    /** The lease request waits in the FIFO queue at {@code position} (1 = next). */
    default void onLeaseQueued(LeaseQueued queued) {
    }

    /** A lease was granted or renewed (also by automatic renewal). */
    default void onLeaseGranted(Lease lease) {
    }

    /** The lease ended without a release (not renewed in time, or the relay lost it). */
    default void onLeaseExpired(LeaseExpired expired) {
    }
}
