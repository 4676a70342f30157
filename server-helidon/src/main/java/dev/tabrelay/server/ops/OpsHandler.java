package dev.tabrelay.server.ops;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.ops.AnnotationCommand;
import dev.tabrelay.protocol.ops.CdpCommand;
import dev.tabrelay.protocol.ops.LeaseAcquire;
import dev.tabrelay.protocol.ops.LeaseRelease;
import dev.tabrelay.protocol.ops.LeaseReleased;
import dev.tabrelay.protocol.ops.LeaseRenew;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.FrameHandler;

import java.time.Clock;

/**
 * {@code /ops}: automation tools (many at once) take the FIFO lease and drive tabs with CDP; annotation commands
 * are accepted here too (the Java {@code OpsClient} sends them on its ops socket). CDP commands need the lease.
 */
public final class OpsHandler implements FrameHandler {

    private final OpsHandshake handshake;
    private final LeaseManager leases;
    private final CdpRelay cdp;
    private final AnnotationRelay annotations;
    private final Clock clock;

    public OpsHandler(OpsHandshake handshake, LeaseManager leases, CdpRelay cdp, AnnotationRelay annotations, Clock clock) {
        this.handshake = handshake;
        this.leases = leases;
        this.cdp = cdp;
        this.annotations = annotations;
        this.clock = clock;
    }

    @Override
    public void onFrame(Connection connection, Message message) {
        if (handshake.handled(connection, message)) {
            return;
        }
        switch (message.data()) {
            case LeaseAcquire acquire -> leases.acquire(connection.id(), acquire.clientId(), message.id(), acquire.waitMs());
            case LeaseRenew renew -> {
                try {
                    leases.renew(connection.id(), renew.leaseId(), message.id());
                } catch (LeaseException e) {
                    reply(connection, message, ErrorFrame.of(e.code(), e.getMessage(), message.id()));
                }
            }
            case LeaseRelease release -> reply(connection, message,
                    new LeaseReleased(release.leaseId(), leases.release(connection.id(), release.leaseId())));
            case CdpCommand command -> {
                if (leases.holds(connection.id())) {
                    cdp.forward(connection, message, command);
                } else {
                    reply(connection, message, ErrorFrame.of(LeaseException.REQUIRED, "lease required: CDP commands "
                            + "need the ops lease; send lease-acquire and wait for lease-granted", message.id()));
                }
            }
            case AnnotationCommand command -> annotations.forward(connection, message, command);
            default -> reply(connection, message, ErrorFrame.of("unsupported-type",
                    message.type() + " is not accepted on the ops endpoint", message.id()));
        }
    }

    private void reply(Connection connection, Message request, Payload data) {
        connection.send(new Message(request.id(), clock.millis(), data, Metadata.ofSession(connection.id())));
    }
}
