package dev.tabrelay.server.connection;

import dev.tabrelay.protocol.Message;

/** What one endpoint does with decoded frames; the listener has already validated, rate-limited and decoded them. */
public interface FrameHandler {

    default void onOpen(Connection connection) {
    }

    void onFrame(Connection connection, Message message);
}
