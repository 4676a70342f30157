package dev.tabrelay.server.chat;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.chat.ChatPayload;
import dev.tabrelay.protocol.chat.ChatResponse;
import dev.tabrelay.protocol.chat.ChatResponseChunk;
import dev.tabrelay.protocol.chat.ChatResponseError;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.FrameHandler;
import dev.tabrelay.server.connection.PendingRequests;

import java.time.Clock;

/**
 * Chat frames from an extension: answers go to the waiting request through {@link PendingRequests} (chunks as
 * progress, the final chunk, the whole answer or an error as the reply). A frame nobody waits for (late,
 * duplicate, unknown) gets an {@code unknown-request} error frame and changes nothing.
 */
public final class ChatFrames implements FrameHandler {

    private final PendingRequests pending;
    private final Clock clock;

    public ChatFrames(PendingRequests pending, Clock clock) {
        this.pending = pending;
        this.clock = clock;
    }

    @Override
    public void onFrame(Connection connection, Message message) {
        if (!(message.data() instanceof ChatPayload chat)) {
            return;
        }
        boolean taken;
        if (chat instanceof ChatResponseChunk chunk && !chunk.isFinal()) {
            taken = pending.progress(connection.id(), chunk.requestId(), message);
        } else if (chat instanceof ChatResponseChunk || chat instanceof ChatResponse || chat instanceof ChatResponseError) {
            taken = pending.complete(connection.id(), chat.requestId(), message);
        } else {
            connection.send(reply(message, ErrorFrame.of("unsupported-type",
                    message.type() + " is sent by the relay, not to it", message.id())));
            return;
        }
        if (!taken) {
            connection.send(reply(message, ErrorFrame.of("unknown-request", "no chat request " + chat.requestId()
                    + " is waiting for an answer from this connection (late, duplicate or unknown)", message.id())));
        }
    }

    private Message reply(Message request, ErrorFrame error) {
        return new Message(request.id(), clock.millis(), error, Metadata.ofSession(request.metadata().sessionId()));
    }
}
