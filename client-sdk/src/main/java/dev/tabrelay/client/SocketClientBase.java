package dev.tabrelay.client;

import dev.tabrelay.client.internal.FrameSocket;
import dev.tabrelay.client.internal.SocketSettings;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.Heartbeat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** The part of every socket role that only talks to its {@link FrameSocket}. */
abstract class SocketClientBase implements RelaySocketClient, FrameSocket.Role {

    final FrameSocket socket;

    @SuppressWarnings("this-escape") // the socket only calls back after connect()
    SocketClientBase(SocketSettings settings) {
        this.socket = new FrameSocket(settings, this);
    }

    @Override
    public CompletableFuture<ConnectionAck> connect() {
        return socket.connect();
    }

    @Override
    public ConnectionState state() {
        return socket.state();
    }

    @Override
    public Optional<String> sessionId() {
        return socket.ack().map(ConnectionAck::sessionId);
    }

    @Override
    public CompletableFuture<Heartbeat> heartbeat() {
        return socket.heartbeat();
    }

    @Override
    public CompletableFuture<Void> closed() {
        return socket.closedFuture().copy();
    }

    @Override
    public void close() {
        close(1000, "client closed");
    }

    @Override
    public void close(int code, String reason) {
        socket.close(code, reason);
    }

    Message frame(Payload data, Metadata metadata) {
        return new Message(socket.nextId(), socket.now(), data, metadata);
    }

    Message reply(Message request, Payload data, Metadata metadata) {
        return new Message(request.id(), socket.now(), data, metadata);
    }

    /** Sends a request and maps the reply to {@code type}; any other reply fails with {@code bad-response}. */
    <T extends Payload> CompletableFuture<T> call(Payload data, Metadata metadata, Duration timeout, Class<T> type,
                                                  Predicate<Message> interim) {
        return socket.call(frame(data, metadata), timeout, interim).thenApply(reply -> expect(reply, type));
    }

    static <T extends Payload> T expect(Message reply, Class<T> type) {
        T value = reply.dataAs(type);
        if (value == null) {
            throw new RelayException(RelayException.BAD_RESPONSE, "expected " + type.getSimpleName()
                    + " but the reply was " + reply.type(), reply.id());
        }
        return value;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + socket.settings().url() + ", " + state() + "]";
    }
}
