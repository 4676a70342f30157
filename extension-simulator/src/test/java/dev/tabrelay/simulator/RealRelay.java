package dev.tabrelay.simulator;

import dev.tabrelay.server.RelayServer;
import dev.tabrelay.server.ServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** The real relay (server-helidon) on 127.0.0.1 and ephemeral ports, with short heartbeats and timeouts. */
final class RealRelay implements AutoCloseable {

    private final RelayServer server;

    RealRelay() {
        this(b -> b);
    }

    /** @param extra further settings, e.g. the legacy listeners */
    RealRelay(UnaryOperator<ServerConfig.Builder> extra) {
        try {
            server = RelayServer.start(extra.apply(ServerConfig.builder().host("127.0.0.1").port(0)
                    .dataDir(Files.createTempDirectory("tabrelay-simulator-test"))
                    .heartbeatInterval(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(5))
                    .chatTimeout(Duration.ofSeconds(10)).shutdownGrace(Duration.ofSeconds(2))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The base URL of a named listener ("chat-relay", "browcall-ws", ...). */
    String url(String listener) {
        return server.listeners().stream().filter(l -> l.name().equals(listener)).findFirst()
                .map(l -> "http://127.0.0.1:" + l.port())
                .orElseThrow(() -> new IllegalStateException("no listener " + listener + ": " + server.listeners()));
    }

    /** The relay's pairing token (pairing is on by default; /ops needs it even from loopback). */
    String pairingToken() {
        return server.pairingTokens().current().hex();
    }

    @Override
    public void close() {
        server.stop();
    }
}
