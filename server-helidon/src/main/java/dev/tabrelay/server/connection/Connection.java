package dev.tabrelay.server.connection;

import dev.tabrelay.protocol.Message;
import io.helidon.common.buffers.BufferData;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live socket: its id (the relay session id), what it is, how to write to it, and liveness facts.
 * All writes go through its {@link OutboundQueue}; messages are encoded in the dialect the peer speaks.
 */
public final class Connection {

    /**
     * Turns a canonical message into frames for the peer's dialect, in sending order: empty means "nothing to
     * send" (no legacy equivalent), several means the legacy peer expects a sequence.
     */
    @FunctionalInterface
    public interface FrameEncoder {
        List<String> encode(Message message);
    }

    private final String id;
    private final ConnectionKind kind;
    private final String subprotocol;
    private final String remoteAddress;
    private final long openedAt;
    private final OutboundQueue out;
    private final RateLimiter rateLimiter;
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final CompletableFuture<Void> peerGone = new CompletableFuture<>();
    private final AtomicLong framesIn = new AtomicLong();
    private volatile FrameEncoder encoder;
    private volatile String dialect = "tabrelay";
    private volatile boolean canonicalSeen;
    private volatile long lastSeen;
    private volatile long lastPingSent;
    private volatile String clientType;
    private volatile String clientVersion;
    private volatile Admission admission = Admission.NONE;

    public Connection(String id, ConnectionKind kind, String subprotocol, String remoteAddress, long now,
                      OutboundQueue out, RateLimiter rateLimiter, FrameEncoder encoder) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.subprotocol = subprotocol;
        this.remoteAddress = remoteAddress;
        this.openedAt = now;
        this.lastSeen = now;
        this.out = out;
        this.rateLimiter = rateLimiter;
        this.encoder = encoder;
    }

    public String id() {
        return id;
    }

    public ConnectionKind kind() {
        return kind;
    }

    /** The negotiated WebSocket subprotocol, or null. */
    public String subprotocol() {
        return subprotocol;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public long openedAt() {
        return openedAt;
    }

    public long lastSeen() {
        return lastSeen;
    }

    public void touch(long now) {
        lastSeen = now;
        framesIn.incrementAndGet();
    }

    public long framesIn() {
        return framesIn.get();
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public String dialect() {
        return dialect;
    }

    public boolean isLegacy() {
        return !"tabrelay".equals(dialect);
    }

    /** The peer sent a canonical frame: it stays canonical even if a legacy-looking frame follows. */
    public void markCanonical() {
        canonicalSeen = true;
    }

    /** Switches replies to a legacy dialect, unless the peer already proved it speaks the canonical protocol. */
    public void adoptDialect(String name, FrameEncoder legacyEncoder) {
        if (!canonicalSeen && !name.equals(dialect)) {
            dialect = name;
            encoder = legacyEncoder;
        }
    }

    public String clientType() {
        return clientType;
    }

    public String clientVersion() {
        return clientVersion;
    }

    /** What the upgrade check (and later a credential in connection-init) established. */
    public Admission admission() {
        return admission;
    }

    public void admit(Admission value) {
        this.admission = value;
    }

    public void identify(String type, String version) {
        this.clientType = type;
        this.clientVersion = version;
    }

    /**
     * True once the peer has authenticated (at the upgrade, or with its handshake): until then an extension
     * socket serves no tab and receives no routed command.
     */
    public boolean isAuthenticated() {
        return admission.authenticated();
    }

    /** The handshake proved the credential the upgrade lacked; the scope set at the upgrade stays. */
    public void markAuthenticated() {
        admission = new Admission(true, admission.scope());
    }

    /** Queues a frame that must not be dropped (reply, error, command). False when it cannot be delivered. */
    public boolean send(Message message) {
        boolean queued = true;
        for (String text : encoder.encode(message)) {
            queued &= out.sendControl(text);
        }
        return queued;
    }

    /**
     * As {@link #send}, written on the calling thread when nothing is queued ahead of it
     * ({@link OutboundQueue#sendControlNow}): only for a thread that waits for this peer's answer anyway.
     */
    public boolean sendNow(Message message) {
        boolean queued = true;
        for (String text : encoder.encode(message)) {
            queued &= out.sendControlNow(text);
        }
        return queued;
    }

    /** Queues an already encoded event; the oldest queued events are dropped when the peer is slow. */
    public boolean sendEvent(String text) {
        return out.sendEvent(text);
    }

    /** Queues an event in the peer's dialect. */
    public boolean sendEvent(Message message) {
        boolean queued = true;
        for (String text : encoder.encode(message)) {
            queued &= out.sendEvent(text);
        }
        return queued;
    }

    void pong(BufferData data) {
        out.pong(data);
    }

    /** Asks the peer for a pong (through the queue: Helidon's session is not thread-safe). */
    void ping(long now) {
        lastPingSent = now;
        out.ping();
    }

    /** When the relay last pinged this peer; 0 = never. */
    long lastPingSent() {
        return lastPingSent;
    }

    /** Events dropped so far because this peer read too slowly. */
    public long droppedEvents() {
        return out.droppedTotal();
    }

    public int queued() {
        return out.size();
    }

    /** Closes after queued frames are written; use {@link ConnectionRegistry#terminate} to also clean up. */
    void closeSocket(int code, String reason) {
        out.close(code, reason);
    }

    /** The peer's side of the socket ended: its close frame arrived, or the socket failed or dropped. */
    void peerClosed() {
        peerGone.complete(null);
    }

    /**
     * Completes when the peer's side ended. Shutdown waits for it after its own close frame went out: closing
     * the TCP socket while the peer's close reply is still unread makes the kernel reset it, and a reset can
     * discard frames the peer has received but not yet read.
     */
    public CompletableFuture<Void> peerGone() {
        return peerGone;
    }

    /** True exactly once: for whoever gets to run this connection's cleanup. */
    boolean markTerminated() {
        return terminated.compareAndSet(false, true);
    }

    public boolean isOpen() {
        return !terminated.get();
    }

    public CompletableFuture<Void> closed() {
        return out.finished();
    }

    @Override
    public String toString() {
        return kind.label() + ":" + id;
    }
}
