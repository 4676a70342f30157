package dev.tabrelay.conformance.extension;

import dev.tabrelay.protocol.codec.FrameCodec;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsRouting;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The relay side of extension mode: a small WebSocket listener (Helidon, like the server) that an extension dials
 * into: {@code /extension-ws} (canonical and BrowserTools) and any other path (Chat Relay, Browcall). A purpose-built
 * harness rather than the real server, because the checks send commands the server never sends to an extension
 * (ConnectWindow, clear-logs) and look at every raw frame and its timing, which the server keeps to itself.
 * BrowserTools' {@code POST /extension-log} is accepted (200) so that extension's log posts do not fail.
 */
public final class ExtensionHarness implements AutoCloseable {

    private final CompletableFuture<ExtensionPeer> firstPeer = new CompletableFuture<>();
    private final FrameCodec codec = FrameCodec.defaults();
    private final WebServer server;

    private ExtensionHarness(String host, int port) {
        server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .routing(routing -> routing
                        .post("/extension-log", (req, res) -> {
                            req.content().consume();
                            res.header("Content-Type", "application/json").send("{\"status\":\"ok\"}");
                        }))
                .addRouting(WsRouting.builder()
                        .endpoint("/extension-ws", () -> peer(true))
                        .endpoint("/extension", () -> peer(true))
                        .endpoint("/", () -> peer(false))
                        .endpoint("/*", () -> peer(false)))
                .build();
    }

    private ExtensionPeer peer(boolean extensionPath) {
        return new ExtensionPeer(extensionPath, codec, firstPeer::complete);
    }

    /** Listens on {@code host:port} ({@code 0}: ephemeral). */
    public static ExtensionHarness start(String host, int port) {
        ExtensionHarness harness = new ExtensionHarness(host, port);
        harness.server.start();
        if (!harness.server.isRunning() || harness.server.port() < 0) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + "; is the port in use?");
        }
        return harness;
    }

    public int port() {
        return server.port();
    }

    /** The first extension that sent a frame, waiting up to {@code timeout}. */
    public Optional<ExtensionPeer> awaitPeer(Duration timeout) {
        try {
            return Optional.of(firstPeer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        firstPeer.thenAccept(ExtensionPeer::close);
        server.stop();
    }
}
