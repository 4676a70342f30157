package dev.tabrelay.server.ops;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionClose;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.tabs.ExtensionHandler;
import io.helidon.websocket.WsCloseCodes;

import java.time.Clock;

/**
 * connection-init, connection-close and the pairing gate, shared by {@code /ops} and {@code /annotation}. A
 * socket that is not admitted gets one {@code unauthorized} error frame and is closed with 1008 and a reason.
 */
public final class OpsHandshake {

    static final String TOKEN_REQUIRED = "pairing token required (?token=, Authorization: Bearer, or pairingToken in connection-init)";

    private final PairingCheck pairing;
    private final ConnectionRegistry registry;
    private final ExtensionHandler.AckInfo ackInfo;
    private final Clock clock;

    public OpsHandshake(PairingCheck pairing, ConnectionRegistry registry, ExtensionHandler.AckInfo ackInfo, Clock clock) {
        this.pairing = pairing;
        this.registry = registry;
        this.ackInfo = ackInfo;
        this.clock = clock;
    }

    /** Handles the frame if it is handshake business or must be refused; false = the endpoint's to handle. */
    public boolean handled(Connection connection, Message message) {
        if (message.data() instanceof ConnectionInit init) {
            connection.identify(init.clientType(), init.version());
            if (!pairing.admit(connection, init)) {
                refuse(connection, message, init.pairingToken() == null ? TOKEN_REQUIRED : "invalid pairing token");
                return true;
            }
            connection.send(new Message(message.id(), clock.millis(), new ConnectionAck(connection.id(),
                    ackInfo.serverId(), ackInfo.supportedProtocols(), ackInfo.maxMessageSize(),
                    ackInfo.heartbeatInterval()), Metadata.ofSession(connection.id())));
            return true;
        }
        if (message.data() instanceof ConnectionClose) {
            registry.terminate(connection, WsCloseCodes.NORMAL_CLOSE, "connection-close");
            return true;
        }
        if (!pairing.admitted(connection)) {
            refuse(connection, message, TOKEN_REQUIRED);
            return true;
        }
        return false;
    }

    private void refuse(Connection connection, Message message, String why) {
        connection.send(new Message("err-" + message.id(), clock.millis(), ErrorFrame.of("unauthorized", why, message.id()),
                Metadata.EMPTY));
        registry.terminate(connection, WsCloseCodes.VIOLATED_POLICY, why);
    }
}
