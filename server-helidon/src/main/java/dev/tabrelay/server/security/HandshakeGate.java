package dev.tabrelay.server.security;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.connection.FrameHandler;
import io.helidon.websocket.WsCloseCodes;

/**
 * In front of the extension handlers: a socket admitted without authentication (a remote peer, or an extension
 * origin that is not configured) reaches them only once its connection-init carried the right
 * {@code pairingToken}. Until then it serves no tab, is offered no chat and cannot displace a live connection's
 * tab; any other first frame, a missing or wrong token close it with 1008.
 */
public final class HandshakeGate implements FrameHandler {

    private final FrameHandler next;
    private final AccessPolicy policy;
    private final ConnectionRegistry registry;

    public HandshakeGate(FrameHandler next, AccessPolicy policy, ConnectionRegistry registry) {
        this.next = next;
        this.policy = policy;
        this.registry = registry;
    }

    @Override
    public void onOpen(Connection connection) {
        if (connection.isAuthenticated()) {
            next.onOpen(connection);
        }
    }

    @Override
    public void onFrame(Connection connection, Message message) {
        if (connection.isAuthenticated()) {
            next.onFrame(connection, message);
            return;
        }
        String ip = ipOf(connection);
        if (!(message.data() instanceof ConnectionInit init)) {
            policy.handshake(ip, null); // counts as a failed handshake
            registry.terminate(connection, WsCloseCodes.VIOLATED_POLICY,
                    "pairing required: the first frame must be connection-init with pairingToken");
            return;
        }
        switch (policy.handshake(ip, init.pairingToken())) {
            case OK -> {
                connection.markAuthenticated();
                next.onOpen(connection);
                next.onFrame(connection, message);
            }
            case MISSING -> registry.terminate(connection, WsCloseCodes.VIOLATED_POLICY, "pairing token required");
            case INVALID -> registry.terminate(connection, WsCloseCodes.VIOLATED_POLICY, "invalid pairing token");
            case BLOCKED -> registry.terminate(connection, WsCloseCodes.VIOLATED_POLICY, "too many failed handshakes");
        }
    }

    /** The IP part of the connection's remote address ({@code /203.0.113.7:51234} gives {@code 203.0.113.7}). */
    static String ipOf(Connection connection) {
        String remote = connection.remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        String value = remote.startsWith("/") ? remote.substring(1) : remote;
        int slash = value.indexOf('/'); // "host/1.2.3.4:port" when a name is known
        if (slash >= 0) {
            value = value.substring(slash + 1);
        }
        int colon = value.lastIndexOf(':');
        value = colon > 0 ? value.substring(0, colon) : value;
        return value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
    }
}
