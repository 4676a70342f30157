package dev.tabrelay.server;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.chat.ChatPayload;
import dev.tabrelay.protocol.control.Capabilities;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.ops.OpsPayload;
import dev.tabrelay.protocol.session.SessionPayload;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.FrameHandler;

/**
 * What an extension socket's frames go to, by family: chat answers to the chat relay, ConnectWindow commands
 * to the session registry, CDP results/events and annotation responses to the ops relay, everything else to the tab/event handler. After a frame that changes what the
 * extension offers (connection-init, capabilities) queued chat requests get another chance.
 */
final class ExtensionFrames implements FrameHandler {

    private final FrameHandler tabs;
    private final FrameHandler chat;
    private final FrameHandler sessions;
    private final FrameHandler ops;
    private final Runnable offersChanged;

    ExtensionFrames(FrameHandler tabs, FrameHandler chat, FrameHandler sessions, FrameHandler ops,
                    Runnable offersChanged) {
        this.tabs = tabs;
        this.chat = chat;
        this.sessions = sessions;
        this.ops = ops;
        this.offersChanged = offersChanged;
    }

    @Override
    public void onOpen(Connection connection) {
        tabs.onOpen(connection);
    }

    @Override
    public void onFrame(Connection connection, Message message) {
        if (message.data() instanceof ChatPayload) {
            chat.onFrame(connection, message);
        } else if (message.data() instanceof SessionPayload) {
            sessions.onFrame(connection, message);
        } else if (message.data() instanceof OpsPayload) {
            ops.onFrame(connection, message);
        } else {
            tabs.onFrame(connection, message);
            if (message.data() instanceof ConnectionInit || message.data() instanceof Capabilities) {
                offersChanged.run();
            }
        }
    }
}
