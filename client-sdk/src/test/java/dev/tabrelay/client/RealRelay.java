package dev.tabrelay.client;

import dev.tabrelay.server.RelayServer;
import dev.tabrelay.server.ServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The real relay (server-helidon) on 127.0.0.1 and an ephemeral port, with short heartbeats; restartable on that port. */
public final class RealRelay implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final java.util.function.UnaryOperator<ServerConfig.Builder> extra;
    private volatile RelayServer server;

    public RealRelay() {
        this(b -> b);
    }

    /** A relay with extra settings (pairing token, tunnel secret, lease clock, ...). */
    public RealRelay(java.util.function.UnaryOperator<ServerConfig.Builder> extra) {
        this.extra = extra;
        try {
            dataDir = Files.createTempDirectory("tabrelay-client-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = start(0);
        port = server.port();
    }

    private RelayServer start(int onPort) {
        return RelayServer.start(extra.apply(ServerConfig.builder().host("127.0.0.1").port(onPort).dataDir(dataDir)
                .heartbeatInterval(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(5))
                .shutdownGrace(Duration.ofSeconds(2))).build());
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public void stop() {
        server.stop();
    }

    /** Stops the server and starts a fresh one (empty state) on the same port. */
    public void restart() {
        server.stop();
        server = start(port);
    }

    @Override
    public void close() {
        server.stop();
    }
}
