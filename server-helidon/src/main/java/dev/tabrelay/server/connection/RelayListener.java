package dev.tabrelay.server.connection;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.dialect.Decoded;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The WebSocket plumbing shared by every endpoint, one instance per socket: subprotocol negotiation, fragment
 * assembly, size and rate limits, liveness, decoding through the protocol codec (with a legacy dialect as
 * fallback), heartbeat answers and error frames. What a valid frame means is the endpoint's {@link FrameHandler}.
 */
public final class RelayListener implements WsListener {

    private static final System.Logger LOG = System.getLogger(RelayListener.class.getName());
    private static final HeaderName SEC_WS_PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");

    /**
     * What an endpoint plugs in: its kind, the subprotocols it accepts, its handler, and optionally a legacy
     * dialect, made once per socket (some dialects keep per-connection state).
     */
    public record Endpoint(ConnectionKind kind, List<String> subprotocols, FrameHandler handler,
                           Supplier<LegacyDialect> legacy, UpgradeGate gate) {

        public Endpoint {
            gate = gate == null ? UpgradeGate.OPEN : gate;
        }

        public Endpoint(ConnectionKind kind, List<String> subprotocols, FrameHandler handler,
                        Supplier<LegacyDialect> legacy) {
            this(kind, subprotocols, handler, legacy, UpgradeGate.OPEN);
        }
    }

    /** Shared services, one instance for the whole server. */
    public record Services(ConnectionRegistry registry, FrameCodec codec, ConnectionSettings settings,
                           java.util.concurrent.Executor writers, Ids ids, java.util.function.Supplier<Heartbeat> heartbeat) {
    }

    private final Endpoint endpoint;
    private final Services services;
    private final LegacyDialect legacy;
    private final StringBuilder fragments = new StringBuilder();
    private String subprotocol;
    private String remote;
    private volatile Admission admission = Admission.NONE; // the gate decides during the upgrade; onOpen applies it
    private volatile Connection connection;

    public RelayListener(Endpoint endpoint, Services services) {
        this.endpoint = endpoint;
        this.services = services;
        this.legacy = endpoint.legacy() == null ? null : endpoint.legacy().get();
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        admission = endpoint.gate().admit(prologue, headers);
        List<String> offered = headers.values(SEC_WS_PROTOCOL).stream()
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (offered.isEmpty()) {
            return Optional.empty(); // BrowserTools' extension offers none
        }
        for (String candidate : offered) {
            if (endpoint.subprotocols().contains(candidate)) {
                subprotocol = candidate;
                WritableHeaders<?> response = WritableHeaders.create();
                response.set(SEC_WS_PROTOCOL, candidate);
                return Optional.of(response);
            }
        }
        throw RequestException.builder().type(DirectHandler.EventType.BAD_REQUEST)
                .message("unsupported subprotocol " + offered + "; this endpoint speaks " + endpoint.subprotocols())
                .build();
    }

    @Override
    public void onOpen(WsSession session) {
        String id = services.ids().next(endpoint.kind().idPrefix());
        try {
            remote = String.valueOf(session.socketContext().remotePeer().address());
        } catch (RuntimeException e) {
            remote = null;
        }
        OutboundQueue out = new OutboundQueue(new SessionSink(session), services.writers(),
                services.settings().outboundQueue(), this::dropNotice);
        FrameCodec codec = services.codec();
        Connection created = new Connection(id, endpoint.kind(), subprotocol, remote, now(), out,
                new RateLimiter(services.settings().messagesPerSecond()), message -> List.of(codec.encode(message)));
        created.admit(admission);
        connection = created;
        if (!services.registry().add(created)) {
            services.registry().terminate(created, WsCloseCodes.GOING_AWAY, "server shutting down");
            return;
        }
        if (admission.refusal() != null) {
            services.registry().terminate(created, WsCloseCodes.VIOLATED_POLICY, closeReason(admission.refusal()));
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "open {0} from {1} subprotocol {2}", created, remote, subprotocol);
        watchForAbruptClose(created);
        endpoint.handler().onOpen(created);
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        Connection conn = connection;
        if (conn == null || !conn.isOpen()) {
            return;
        }
        if (!last || !fragments.isEmpty()) {
            fragments.append(text);
            if (fragments.length() > services.settings().maxFrameBytes()) {
                fragments.setLength(0);
                tooLarge(conn, "message exceeds " + services.settings().maxFrameBytes() + " bytes");
                return;
            }
            if (!last) {
                return;
            }
            text = fragments.toString();
            fragments.setLength(0);
        }
        long now = now();
        conn.touch(now);
        if (!conn.rateLimiter().tryAcquire(now)) {
            // Advisory and droppable: a flooding peer must not be able to grow its own queue without bound.
            conn.sendEvent(error(ErrorFrame.of("rate-limited", "more than " + conn.rateLimiter().perSecond()
                    + " messages per second; this frame was discarded, slow down", null)));
            return;
        }
        handle(conn, text);
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        Connection conn = connection;
        if (conn != null) {
            conn.touch(now());
            conn.send(error(ErrorFrame.of("unsupported-data", "binary frames are not supported; send JSON text", null)));
        }
    }

    private void handle(Connection conn, String text) {
        Message message;
        try {
            message = services.codec().decode(text);
            conn.markCanonical();
        } catch (FrameException e) {
            if (e.error() == FrameError.TOO_LARGE) {
                tooLarge(conn, e.getMessage());
                return;
            }
            Decoded decoded;
            try {
                decoded = legacyReading(e, text);
            } catch (FrameException refused) {
                conn.send(error(refused.toErrorFrame())); // the dialect's frame, but malformed: say why
                return;
            }
            if (decoded == null) {
                conn.send(error(e.toErrorFrame()));
                return;
            }
            conn.adoptDialect(legacy.name(), legacy.encoder());
            Optional<Message> mapped = decoded.message();
            if (mapped.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG, "ignored {0} frame from {1}", legacy.name(), conn);
                return;
            }
            message = mapped.get();
        }
        if (message.data() instanceof Heartbeat) {
            conn.send(new Message(message.id(), now(), services.heartbeat().get(), message.metadata().withSessionId(conn.id())));
            return;
        }
        try {
            endpoint.handler().onFrame(conn, message);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "handler failed on " + message.type() + " from " + conn, e);
            conn.send(error(ErrorFrame.of("internal-error", "the relay failed to handle this frame: " + e.getMessage(),
                    message.id())));
        }
    }

    /**
     * The legacy reading of a frame the canonical codec refused, or null when it is not this dialect's either
     * (then the canonical error is the useful one).
     *
     * @throws FrameException when it is a frame of the dialect, but a malformed one
     */
    private Decoded legacyReading(FrameException e, String text) throws FrameException {
        // Legacy frames are flat and never carry an id; a canonical frame with a bad field is not legacy.
        boolean plausible = legacy != null && e.error() == FrameError.MISSING_FIELD && "$.id".equals(e.path());
        if (!plausible) {
            return null;
        }
        try {
            return legacy.fromPeer().decode(text);
        } catch (FrameException refused) {
            if (refused.error() == FrameError.UNKNOWN_TYPE) {
                return null;
            }
            throw refused;
        }
    }

    private void tooLarge(Connection conn, String why) {
        services.registry().terminate(conn, WsCloseCodes.TOO_BIG, truncate(why));
    }

    @Override
    public void onPing(WsSession session, BufferData data) {
        Connection conn = connection;
        if (conn != null) {
            conn.touch(now());
            conn.pong(data); // Helidon 4.3.1 does not pong by itself
        }
    }

    @Override
    public void onPong(WsSession session, BufferData data) {
        Connection conn = connection;
        if (conn != null) {
            conn.touch(now());
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        Connection conn = connection;
        if (conn != null) {
            conn.peerClosed();
            services.registry().terminate(conn, WsCloseCodes.NORMAL_CLOSE, "bye");
        }
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        Connection conn = connection;
        LOG.log(System.Logger.Level.DEBUG, "socket error on " + conn, t);
        if (conn != null) {
            conn.peerClosed();
            services.registry().terminate(conn, WsCloseCodes.UNEXPECTED_CONDITION, "error");
        }
    }

    /**
     * Helidon 4.3.1 calls neither onClose nor onError when the peer vanishes without a close frame (the read
     * loop's EOF escapes the listener). The socket's virtual thread ends then, so joining it detects the loss
     * at once; the liveness monitor remains the backstop for peers that hang without closing.
     */
    private void watchForAbruptClose(Connection conn) {
        Thread socketThread = Thread.currentThread();
        if (!socketThread.isVirtual()) {
            return; // a pooled thread would never end: rely on the liveness monitor
        }
        Thread.ofVirtual().name("tabrelay-watch-" + conn.id()).start(() -> {
            try {
                socketThread.join();
            } catch (InterruptedException e) {
                return;
            }
            conn.peerClosed();
            services.registry().terminate(conn, WsCloseCodes.UNEXPECTED_CONDITION, "connection lost");
        });
    }

    private String dropNotice(long dropped) {
        return services.codec().encode(error(new ErrorFrame("events-dropped", dropped
                + " events were dropped because this client read too slowly (oldest first)", null, true,
                Map.of("dropped", dropped))));
    }

    private Message error(ErrorFrame frame) {
        return Message.of(services.ids().next("err"), now(), frame);
    }

    private long now() {
        return services.codec().clock().millis();
    }

    /** Close reasons are limited to 123 bytes by RFC 6455. */
    private static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 120 ? reason : new String(bytes, 0, 120, StandardCharsets.UTF_8);
    }

    /** Writes to the Helidon session; only the queue's single drainer calls it. */
    private record SessionSink(WsSession session) implements OutboundQueue.Sink {
        @Override
        public void text(String text) {
            session.send(text, true);
        }

        @Override
        public void pong(BufferData data) {
            session.pong(data);
        }

        @Override
        public void ping(BufferData data) {
            session.ping(data);
        }

        @Override
        public void close(int code, String reason) {
            session.close(code, reason);
        }
    }

    /** A close reason fits in 123 UTF-8 bytes (RFC 6455); longer ones are cut at a character boundary. */
    static String closeReason(String reason) {
        byte[] bytes = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= 123) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 120) {
            end--;
        }
        return reason.substring(0, end) + "...";
    }
}
