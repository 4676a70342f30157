package dev.tabrelay.conformance.extension;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.chat.ChatMessage;
import dev.tabrelay.protocol.chat.ChatResponse;
import dev.tabrelay.protocol.chat.ChatResponseChunk;
import dev.tabrelay.protocol.chat.ChatResponseError;
import dev.tabrelay.protocol.chat.ChatSettings;
import dev.tabrelay.protocol.chat.SendChatMessage;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.simulator.Dialect;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * SEND_CHAT_MESSAGE (Chat Relay: the flat frame; Browcall: {@code chat}) is answered for its requestId: one
 * CHAT_RESPONSE, or chunks ending with a final one, within the chat timeout; never an error.
 */
class ExtensionChatConformanceIT {

    private static final Duration CHAT_LIMIT = Duration.ofSeconds(30);

    @ExtensionConformanceTest(dialects = {Dialect.CANONICAL, Dialect.CHAT_RELAY, Dialect.BROWCALL})
    void chatMessageIsAnswered(ExtensionUnderTest extension) {
        ExtensionPeer peer = extension.peer();
        if (extension.dialect() == Dialect.CANONICAL) {
            ConnectionInit init = Exchanges.init(peer);
            boolean chat = init.capabilities() != null && init.capabilities().contains("chat")
                    || init.models() != null && !init.models().isEmpty();
            Assumptions.assumeTrue(chat, "the extension advertises no chat (capability 'chat' or models)");
        }
        String requestId = String.valueOf(4_000_000 + (System.nanoTime() & 0xFFFFF)); // numeric: fits every dialect
        int from = peer.count();
        peer.send(Exchanges.id("chat"), new SendChatMessage(requestId,
                List.of(ChatMessage.of("user", "conformance ping")), new ChatSettings(null, null, null, true)));
        StringBuilder text = new StringBuilder();
        long deadline = System.nanoTime() + CHAT_LIMIT.toNanos();
        int next = from;
        while (true) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            Optional<Received> reply = left.isNegative() ? Optional.empty()
                    : peer.await(r -> requestIdOf(r).filter(requestId::equals).isPresent(), next, left);
            if (reply.isEmpty()) {
                throw new AssertionError("no final answer for chat " + requestId + " within " + CHAT_LIMIT
                        + "; text so far '" + text + "'; frames: " + Exchanges.texts(peer, from));
            }
            next = peer.received().indexOf(reply.get()) + 1;
            Payload data = reply.get().message().orElseThrow().data();
            if (data instanceof ChatResponseError error) {
                throw new AssertionError("the extension answered with CHAT_RESPONSE_ERROR: " + error.error());
            }
            if (data instanceof ChatResponse whole) {
                text.append(whole.content());
                break;
            }
            ChatResponseChunk chunk = (ChatResponseChunk) data;
            text.append(chunk.delta() == null ? "" : chunk.delta());
            if (chunk.isFinal()) {
                break;
            }
        }
        assertFalse(text.isEmpty(), "the answer has text");
        if (extension.spec().dialect().isPresent()) { // our simulator echoes
            assertEquals("echo: conformance ping", text.toString());
        }
    }

    private static Optional<String> requestIdOf(Received received) {
        return received.message().map(Message::data).map(data -> switch (data) {
            case ChatResponse r -> r.requestId();
            case ChatResponseChunk c -> c.requestId();
            case ChatResponseError e -> e.requestId();
            default -> null;
        });
    }
}
