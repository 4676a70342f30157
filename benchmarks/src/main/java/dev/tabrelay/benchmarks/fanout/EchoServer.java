package dev.tabrelay.benchmarks.fanout;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * The baseline: a bare Helidon 4 WebSocket echo on 127.0.0.1 and an ephemeral port, with Helidon's defaults except
 * {@code TCP_NODELAY}. With Helidon's default (Nagle on) the echo now and then fell into multi-second stalls
 * (one run: 286 msg/s, p99 2.5 s; another 37 msg/s), which would flatter the hub; with {@code TCP_NODELAY} it was
 * stable in every run. So the baseline is the better-behaved echo; the relay keeps Helidon's defaults.
 * Each text message is sent straight back from the socket's own (virtual) thread. One listener per socket;
 * {@code WsSession.send} is not thread-safe, but only that socket's reader thread calls it, so no lock is needed.
 */
final class EchoServer implements AutoCloseable {

    static final String PATH = "/echo";

    private final WebServer server;

    private EchoServer(WebServer server) {
        this.server = server;
    }

    static EchoServer start() {
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .addRouting(WsRouting.builder().endpoint(PATH, Echo::new))
                .build()
                .start();
        return new EchoServer(server);
    }

    String url() {
        return "ws://127.0.0.1:" + server.port() + PATH;
    }

    @Override
    public void close() {
        server.stop();
    }

    private static final class Echo implements WsListener {
        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            session.send(text, last);
        }
    }
}
