package dev.tabrelay.conformance.extension;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.ErrorFrame;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/** Request/reply with the extension under test, and what its handshake said. Failures are assertion errors. */
final class Exchanges {

    /** The relay's default request timeout: an extension that answers later than this is never heard. */
    static final Duration REPLY_LIMIT = Duration.ofSeconds(10);

    private Exchanges() {
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /**
     * Sends {@code request} with a fresh id and returns the reply of type {@code type} that reuses the id (the
     * protocol's rule), within {@link #REPLY_LIMIT}. An {@code error} frame naming the request fails the check.
     */
    static <T extends Payload> T reply(ExtensionPeer peer, String prefix, Payload request, Class<T> type) {
        String id = id(prefix);
        int from = peer.count();
        long sent = System.nanoTime();
        if (peer.send(id, request) == 0) {
            throw new AssertionError("the " + peer.dialect().cliName() + " dialect cannot express " + request);
        }
        Received reply = peer.await(r -> r.message().filter(m -> id.equals(m.id()) || repliesTo(m, id)).isPresent(),
                from, REPLY_LIMIT).orElseThrow(() -> new AssertionError("no reply to " + type(request) + " (id " + id
                + ") within " + REPLY_LIMIT + "; frames since: " + texts(peer, from)));
        Message message = reply.message().orElseThrow();
        if (message.data() instanceof ErrorFrame error) {
            throw new AssertionError("the extension answered " + type(request) + " with an error frame: "
                    + error.code() + ": " + error.message());
        }
        if (!type.isInstance(message.data())) {
            throw new AssertionError("expected " + type.getSimpleName() + " in reply to " + type(request)
                    + ", got " + message.type() + ": " + reply.text());
        }
        long ms = (reply.atNanos() - sent) / 1_000_000;
        if (ms > REPLY_LIMIT.toMillis()) {
            throw new AssertionError(type(request) + " answered after " + ms + " ms, over " + REPLY_LIMIT);
        }
        return type.cast(message.data());
    }

    private static boolean repliesTo(Message message, String id) {
        return message.data() instanceof ErrorFrame e && id.equals(e.replyTo())
                || message.data() instanceof dev.tabrelay.protocol.control.Ack a && id.equals(a.replyTo());
    }

    static String type(Payload payload) {
        return Message.of("x", 0, payload).type();
    }

    static String texts(ExtensionPeer peer, int from) {
        List<Received> all = peer.received();
        return all.subList(Math.min(from, all.size()), all.size()).stream().map(Received::text)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** The extension's first decoded frame, if it was a connection-init (canonical, Chat Relay, Browcall). */
    static ConnectionInit init(ExtensionPeer peer) {
        Received first = peer.received().getFirst();
        return first.message().map(Message::data).filter(ConnectionInit.class::isInstance).map(ConnectionInit.class::cast)
                .orElseThrow(() -> new AssertionError("the first frame is not a connection-init: " + first.text()
                        + (first.valid() ? "" : " (" + first.error().getMessage() + ")")));
    }

    /** The tab the extension speaks for: its init's tabId or first tab, else the tabId of its first frame. */
    static String tabId(ExtensionPeer peer) {
        Received first = peer.received().getFirst();
        return first.message().map(m -> m.data() instanceof ConnectionInit init
                        ? Objects.requireNonNullElse(init.tabId(), init.tabs() == null || init.tabs().isEmpty()
                        ? null : init.tabs().getFirst().tabId()) : m.metadata().tabId())
                .orElse("conformance-tab");
    }
}
