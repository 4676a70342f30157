package dev.tabrelay.conformance.extension;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.simulator.Dialect;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One extension connection seen from the relay side of extension mode. Every frame is kept with its arrival time
 * and decode outcome; the relay's part of the handshake is answered at once (an extension may wait for it):
 * canonical {@code connection-init} gets {@code connection-ack}, Browcall {@code register} gets
 * {@code register_response}, a BrowserTools {@code heartbeat} gets {@code heartbeat-response}.
 */
public final class ExtensionPeer implements WsListener {

    /** The heartbeat interval announced in connection-ack: short, so the heartbeat check finishes quickly. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final boolean extensionPath;
    private final FrameCodec codec;
    private final Consumer<ExtensionPeer> onFirstFrame;
    private final List<Received> received = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WsSession session;
    private volatile PeerWire wire;
    private volatile long ackSentNanos;
    private volatile String authorization;

    ExtensionPeer(boolean extensionPath, FrameCodec codec, Consumer<ExtensionPeer> onFirstFrame) {
        this.extensionPath = extensionPath;
        this.codec = codec;
        this.onFirstFrame = onFirstFrame;
    }

    /** Remembers the upgrade's Authorization header (the pairing token an extension presents); accepts every upgrade. */
    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        authorization = headers.first(HeaderNames.AUTHORIZATION).orElse(null);
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        this.session = session;
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        partial.append(text);
        if (!last) {
            return;
        }
        String frame = partial.toString();
        partial.setLength(0);
        boolean first = wire == null;
        if (first) {
            wire = PeerWire.of(PeerWire.detect(frame, extensionPath), codec);
        }
        Received entry = decode(frame);
        entry.message().ifPresent(this::answerHandshake);
        synchronized (received) {
            received.add(entry);
            received.notifyAll();
        }
        if (first) {
            onFirstFrame.accept(this);
        }
    }

    private Received decode(String frame) {
        long at = System.nanoTime();
        try {
            Decoded decoded = wire.decode(frame);
            return new Received(frame, at, decoded.message(), null);
        } catch (FrameException e) {
            return new Received(frame, at, Optional.empty(), e);
        }
    }

    private void answerHandshake(Message message) {
        Dialect dialect = wire.dialect();
        if (message.data() instanceof ConnectionInit && dialect != Dialect.CHAT_RELAY) {
            ackSentNanos = System.nanoTime();
            send(message.id(), new ConnectionAck("ext-conformance-" + UUID.randomUUID(), "tabrelay-conformance",
                    List.of("tabrelay-extension-v1"), codec.maxFrameBytes(), HEARTBEAT.toMillis()));
        } else if (message.data() instanceof Heartbeat && dialect == Dialect.BROWSER_TOOLS) {
            send(UUID.randomUUID().toString(), new Heartbeat("alive", null, 1));
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        closed.complete(status);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        closed.completeExceptionally(t);
    }

    /** The Authorization header of the WebSocket upgrade, or null. */
    public String authorization() {
        return authorization;
    }

    public Dialect dialect() {
        return wire.dialect();
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** When connection-ack (or register_response) went out, in System.nanoTime; 0 when none did. */
    public long ackSentNanos() {
        return ackSentNanos;
    }

    /** Every frame so far, in arrival order. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Sends {@code data} as a relay frame with id {@code id}; returns how many wire frames that took (0: no equivalent). */
    public synchronized int send(String id, Payload data) {
        Message message = new Message(id, System.currentTimeMillis(), data,
                new Metadata(null, "relay", null, null, null));
        List<String> frames = wire.encode(message);
        for (String frame : frames) {
            session.send(frame, true);
        }
        return frames.size();
    }

    /** Sends raw text (bad-input checks). */
    public synchronized void sendRaw(String text) {
        session.send(text, true);
    }

    /** The first frame at or after index {@code from} matching {@code match}, waiting up to {@code timeout}. */
    public Optional<Received> await(Predicate<Received> match, int from, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            int next = from;
            while (true) {
                for (; next < received.size(); next++) {
                    if (match.test(received.get(next))) {
                        return Optional.of(received.get(next));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.isDone()) {
                    return Optional.empty();
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    /** How many frames have arrived so far (a starting point for {@link #await}). */
    public int count() {
        synchronized (received) {
            return received.size();
        }
    }

    void close() {
        WsSession current = session;
        if (current != null && !closed.isDone()) {
            current.close(1001, "conformance run finished");
        }
    }
}
