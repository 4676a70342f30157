package dev.tabrelay.server.ops;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.ops.AnnotationResponse;
import dev.tabrelay.protocol.ops.CdpEvent;
import dev.tabrelay.protocol.ops.CdpResult;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.FrameHandler;

import java.time.Clock;

/** The ops frames an extension sends: CDP results and events, annotation responses. */
public final class ExtensionOpsFrames implements FrameHandler {

    private final CdpRelay cdp;
    private final AnnotationRelay annotations;
    private final Clock clock;

    public ExtensionOpsFrames(CdpRelay cdp, AnnotationRelay annotations, Clock clock) {
        this.cdp = cdp;
        this.annotations = annotations;
        this.clock = clock;
    }

    @Override
    public void onFrame(Connection extension, Message message) {
        switch (message.data()) {
            case CdpResult result -> {
                if (!cdp.onResult(extension, message)) {
                    unknown(extension, message, "cdp-command");
                }
            }
            case AnnotationResponse response -> {
                if (!annotations.onResponse(extension, message)) {
                    unknown(extension, message, "annotation-command");
                }
            }
            case CdpEvent event -> cdp.onEvent(extension, message, event);
            default -> extension.send(new Message(message.id(), clock.millis(), ErrorFrame.of("unsupported-type",
                    message.type() + " is not accepted on the extension endpoint", message.id()),
                    Metadata.ofSession(extension.id())));
        }
    }

    private void unknown(Connection extension, Message message, String what) {
        extension.send(new Message(message.id(), clock.millis(), ErrorFrame.of("unknown-request",
                "no " + what + " with id " + message.id() + " is waiting (late or duplicate reply)", message.id()),
                Metadata.ofSession(extension.id())));
    }
}
