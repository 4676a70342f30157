package dev.tabrelay.server.security;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsUpgrader;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Helidon's WebSocket upgrader, plus one thing: a listener's {@code onHttpUpgrade} sees only the prologue and
 * headers, not who is connecting, so this writes the TCP peer's address into the request headers as
 * {@value #PEER_HEADER} (after removing any value the client sent) before the listener runs.
 */
public final class PeerStampingUpgrader extends WsUpgrader {

    public static final String PEER_HEADER = "X-TabRelay-Peer";
    static final HeaderName PEER = HeaderNames.create(PEER_HEADER);

    private PeerStampingUpgrader(WsConfig config) {
        super(config);
    }

    /**
     * An HTTP/1 connection selector using this upgrader; added to a listener's connection selectors it is tried
     * before the default one, so every HTTP/1 connection on that listener goes through it: {@code http1} must be
     * the listener's own HTTP/1 settings (its receive listeners included).
     */
    public static ServerConnectionSelector selector(Http1Config http1, WsConfig config) {
        return Http1ConnectionSelector.builder().config(http1)
                .addUpgrader(new PeerStampingUpgrader(config)).build();
    }

    @Override
    public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
        headers.remove(PEER);
        SocketAddress address = ctx.remotePeer().address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            headers.set(PEER, inet.getAddress().getHostAddress());
        }
        return super.upgrade(ctx, prologue, headers);
    }
}
