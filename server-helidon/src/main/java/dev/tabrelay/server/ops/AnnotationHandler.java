package dev.tabrelay.server.ops;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.ops.AnnotationCommand;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.FrameHandler;

import java.time.Clock;

/** {@code /annotation}: annotation commands to a tab's extension and their responses back; no lease needed. */
public final class AnnotationHandler implements FrameHandler {

    private final OpsHandshake handshake;
    private final AnnotationRelay annotations;
    private final Clock clock;

    public AnnotationHandler(OpsHandshake handshake, AnnotationRelay annotations, Clock clock) {
        this.handshake = handshake;
        this.annotations = annotations;
        this.clock = clock;
    }

    @Override
    public void onFrame(Connection connection, Message message) {
        if (handshake.handled(connection, message)) {
            return;
        }
        if (message.data() instanceof AnnotationCommand command) {
            annotations.forward(connection, message, command);
        } else {
            connection.send(new Message(message.id(), clock.millis(), ErrorFrame.of("unsupported-type",
                    message.type() + " is not accepted on the annotation endpoint", message.id()),
                    Metadata.ofSession(connection.id())));
        }
    }
}
