package dev.tabrelay.server.ops;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.ops.LeaseExpired;
import dev.tabrelay.protocol.ops.LeaseGranted;
import dev.tabrelay.protocol.ops.LeaseQueued;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.connection.Ids;

import java.time.Clock;

/** Turns the lease's news into frames on the sockets concerned (replies reuse the request's id). */
public final class LeaseFrames implements LeaseManager.Listener {

    private final ConnectionRegistry registry;
    private final Ids ids;
    private final Clock clock;

    public LeaseFrames(ConnectionRegistry registry, Ids ids, Clock clock) {
        this.registry = registry;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public void granted(String connectionId, String requestId, LeaseGranted granted) {
        send(connectionId, requestId, granted);
    }

    @Override
    public void queued(String connectionId, String requestId, LeaseQueued queued) {
        send(connectionId, requestId, queued);
    }

    @Override
    public void expired(String connectionId, LeaseExpired expired) {
        send(connectionId, ids.next("lease"), expired);
    }

    @Override
    public void gaveUp(String connectionId, String requestId, String code, String message) {
        send(connectionId, ids.next("err"), ErrorFrame.of(code, message, requestId));
    }

    private void send(String connectionId, String id, Payload data) {
        registry.get(connectionId).ifPresent(c -> c.send(new Message(id, clock.millis(), data,
                Metadata.ofSession(connectionId))));
    }
}
