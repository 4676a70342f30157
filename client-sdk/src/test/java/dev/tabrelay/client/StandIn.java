package dev.tabrelay.client;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.Heartbeat;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * STAND-IN until the relay grows these endpoints (tunnel and ops arrive with the security issue, chat routing
 * with the chat issue): a minimal Helidon WebSocket server on real sockets that answers connection-init and
 * heartbeat like the relay, records every frame, and lets a test script the rest.
 */
public final class StandIn implements AutoCloseable {

    private static final HeaderName SEC_WS_PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");

    public final FrameCodec codec = FrameCodec.defaults();
    public final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    public final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();
    public final BlockingQueue<Headers> upgrades = new LinkedBlockingQueue<>();
    public volatile BiConsumer<Peer, Message> script = (peer, message) -> { };
    public volatile Predicate<Headers> accept = headers -> true;
    private final WebServer server;

    public StandIn(List<String> wsPaths, Consumer<HttpRouting.Builder> http) {
        WsRouting.Builder ws = WsRouting.builder();
        for (String path : wsPaths) {
            ws.endpoint(path, () -> new Listener(path));
        }
        server = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(http::accept).addRouting(ws).build().start();
    }

    public StandIn(String... wsPaths) {
        this(List.of(wsPaths), routing -> { });
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The next frame of {@code type} a client sent (skipping others), or a test failure after 10 s. */
    public <T extends Payload> Message await(Class<T> type) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                Message m = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (m != null && type.isInstance(m.data())) {
                    return m;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no " + type.getSimpleName() + " frame within 10 s");
    }

    public Peer awaitPeer() {
        try {
            Peer peer = peers.poll(10, TimeUnit.SECONDS);
            if (peer == null) {
                throw new AssertionError("no client connected within 10 s");
            }
            return peer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /** One connected client. */
    public final class Peer {
        public final WsSession session;
        public final String path;

        Peer(WsSession session, String path) {
            this.session = session;
            this.path = path;
        }

        public synchronized void send(Message message) {
            session.send(codec.encode(message), true);
        }

        public void send(String id, Payload data) {
            send(new Message(id, System.currentTimeMillis(), data, Metadata.EMPTY));
        }

        public void reply(Message request, Payload data) {
            send(request.id(), data);
        }

        public synchronized void close(int code, String reason) {
            session.close(code, reason);
        }
    }

    private final class Listener implements WsListener {
        private final String path;
        private final StringBuilder fragments = new StringBuilder();
        private Peer peer;

        Listener(String path) {
            this.path = path;
        }

        @Override
        public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
            upgrades.add(headers);
            if (!accept.test(headers)) {
                throw RequestException.builder().type(DirectHandler.EventType.FORBIDDEN).message("refused").build();
            }
            List<String> offered = headers.contains(SEC_WS_PROTOCOL)
                    ? List.of(headers.get(SEC_WS_PROTOCOL).get().split(",")) : List.of();
            if (offered.isEmpty()) {
                return Optional.empty();
            }
            WritableHeaders<?> response = WritableHeaders.create();
            response.set(SEC_WS_PROTOCOL, offered.get(0).trim());
            return Optional.of(response);
        }

        @Override
        public void onOpen(WsSession session) {
            peer = new Peer(session, path);
            peers.add(peer);
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            fragments.append(text);
            if (!last) {
                return;
            }
            String frame = fragments.toString();
            fragments.setLength(0);
            Message message;
            try {
                message = codec.decode(frame);
            } catch (FrameException e) {
                throw new AssertionError("the client sent an invalid frame: " + frame, e);
            }
            received.add(message);
            if (message.data() instanceof ConnectionInit) {
                peer.reply(message, new ConnectionAck("standin-" + Integer.toHexString(System.identityHashCode(peer)),
                        "stand-in", List.of(), 1 << 20, Duration.ofSeconds(30).toMillis()));
            } else if (message.data() instanceof Heartbeat) {
                peer.reply(message, new Heartbeat("alive", 1L, 1));
            } else {
                script.accept(peer, message);
            }
        }

        @Override
        public void onPing(WsSession session, BufferData buffer) {
            synchronized (peer) {
                session.pong(buffer);
            }
        }
    }
}
