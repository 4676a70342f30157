package dev.tabrelay.protocol.dialect.chatrelay;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.chat.ChatMessage;
import dev.tabrelay.protocol.chat.ChatResponse;
import dev.tabrelay.protocol.chat.ChatResponseChunk;
import dev.tabrelay.protocol.chat.ChatResponseError;
import dev.tabrelay.protocol.chat.ChatSettings;
import dev.tabrelay.protocol.chat.CancelChat;
import dev.tabrelay.protocol.chat.SendChatMessage;
import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.LegacyJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tabrelay.protocol.dialect.DialectFixtures.assertRoundTrip;
import static dev.tabrelay.protocol.dialect.DialectFixtures.assertSameJson;
import static dev.tabrelay.protocol.dialect.DialectFixtures.envelopes;
import static dev.tabrelay.protocol.dialect.DialectFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatRelayFramesTest {

    private final ChatRelayRequestIds ids = new ChatRelayRequestIds();
    private final ChatRelayServerFrames server = new ChatRelayServerFrames(LegacyJson.defaults(), envelopes(), ids);
    private final ChatRelayExtensionFrames extension = new ChatRelayExtensionFrames(LegacyJson.defaults(), envelopes(), ids);

    @Test
    void sendChatMessageRoundTrips() throws FrameException {
        Message message = assertRoundTrip(server, "chatrelay/server/send-chat-message.json");
        SendChatMessage send = assertInstanceOf(SendChatMessage.class, message.data());
        assertEquals("3", send.requestId());
        assertEquals(List.of(ChatMessage.of("user", "hello")), send.messages());
        assertEquals(new ChatSettings("gpt-x", 0.3, 50, null), send.settings());
        assertEquals("chat-relay", message.metadata().source());
    }

    @Test
    void emptySettingsRoundTrip() throws FrameException {
        SendChatMessage send = (SendChatMessage) assertRoundTrip(server, "chatrelay/server/send-chat-message-empty-settings.json").data();
        assertEquals("0", send.requestId());
        assertEquals(new ChatSettings(null, null, null, null), send.settings());
    }

    @Test
    void onlyTheLastMessageIsSentAndPartsAreFlattened() {
        List<ChatMessage> messages = List.of(ChatMessage.of("system", "be terse"), ChatMessage.of("user", "first"),
                new ChatMessage("user", List.of(Map.of("type", "text", "text", "look at this"),
                        Map.of("type", "image_url", "image_url", Map.of("url", "https://x/y.png"))), null));
        List<String> frames = server.encode(Message.of("m1", 1L, new SendChatMessage("17", messages, null)));
        assertSameJson("{\"type\":\"SEND_CHAT_MESSAGE\",\"requestId\":17,\"message\":\"look at this\\n[Image: https://x/y.png]\",\"settings\":{}}",
                frames.get(0));
    }

    @Test
    void nonNumericRequestIdsGetANumberAndMapBack() throws FrameException {
        List<String> frames = server.encode(Message.of("m1", 1L,
                new SendChatMessage("chatcmpl-abc", List.of(ChatMessage.of("user", "hi")), null)));
        assertSameJson("{\"type\":\"SEND_CHAT_MESSAGE\",\"requestId\":0,\"message\":\"hi\",\"settings\":{}}", frames.get(0));
        Decoded chunk = extension.decode("{\"type\":\"CHAT_RESPONSE_CHUNK\",\"requestId\":0,\"chunk\":\"Hel\",\"isFinal\":false}");
        assertEquals("chatcmpl-abc", ((ChatResponseChunk) chunk.message().orElseThrow().data()).requestId());
        Decoded done = extension.decode("{\"type\":\"CHAT_RESPONSE\",\"requestId\":0,\"response\":\"Hello\",\"isFinal\":true}");
        assertEquals("chatcmpl-abc", ((ChatResponse) done.message().orElseThrow().data()).requestId());
        assertEquals(0, ids.inFlight(), "a final answer releases the number");
    }

    @Test
    void extensionReadyIsTheHello() throws FrameException {
        Message message = assertRoundTrip(extension, "chatrelay/extension/extension-ready.json");
        ConnectionInit init = assertInstanceOf(ConnectionInit.class, message.data());
        assertEquals(ChatRelayExtensionFrames.CLIENT_TYPE, init.clientType());
        assertEquals(List.of("chat"), init.capabilities());
    }

    @Test
    void chatResponseRoundTrips() throws FrameException {
        ChatResponse response = (ChatResponse) assertRoundTrip(extension, "chatrelay/extension/chat-response.json").data();
        assertEquals("3", response.requestId());
        assertTrue(response.content().startsWith("[ChatRelay Extension]"));
        assertEquals("stop", response.finishReason());
    }

    @Test
    void partialChunkIsADelta() throws FrameException {
        ChatResponseChunk chunk = (ChatResponseChunk) assertRoundTrip(extension, "chatrelay/extension/chat-response-chunk-partial.json").data();
        assertEquals(new ChatResponseChunk("3", "Hello ", false, null), chunk);
    }

    @Test
    void finalChunkEncodesAsTheExtensionsPair() throws FrameException {
        Message message = extension.decode(read("chatrelay/extension/chat-response-chunk-final.json")).message().orElseThrow();
        assertEquals(new ChatResponseChunk("3", "<full final text>", true, "stop"), message.data());
        List<String> frames = extension.encode(message);
        assertEquals(2, frames.size());
        assertSameJson(read("chatrelay/extension/chat-response-chunk-final.json"), frames.get(0));
        assertSameJson(read("chatrelay/extension/chat-response-stream-ended.json"), frames.get(1));
    }

    @Test
    void streamEndedIsIgnored() throws FrameException {
        Decoded decoded = extension.decode(read("chatrelay/extension/chat-response-stream-ended.json"));
        Decoded.Ignored ignored = assertInstanceOf(Decoded.Ignored.class, decoded);
        assertEquals("CHAT_RESPONSE_STREAM_ENDED", ignored.legacyType());
        assertEquals("3", ignored.requestId());
    }

    @Test
    void errorRoundTrips() throws FrameException {
        ChatResponseError error = (ChatResponseError) assertRoundTrip(extension, "chatrelay/extension/chat-response-error.json").data();
        assertEquals(new ChatResponseError("3", "Could not find any suitable tab for command.", null), error);
    }

    @Test
    void typesWithoutALegacyFrameEncodeToNothing() {
        assertEquals(List.of(), server.encode(Message.of("c", 1L, new CancelChat("3", "timeout"))));
        assertEquals(List.of(), extension.encode(Message.of("c", 1L, new CancelChat("3", "timeout"))));
    }

    @Test
    void replyToAnUnassignedNonNumericIdCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class,
                () -> extension.encode(Message.of("r", 1L, new ChatResponseError("uuid-x", "boom", null))));
    }

    @Test
    void malformedFramesAreTyped() {
        assertEquals(FrameError.WRONG_FIELD_TYPE, refusal("{\"type\":\"CHAT_RESPONSE\",\"requestId\":\"3\",\"response\":\"x\"}"));
        assertEquals(FrameError.INVALID_VALUE, refusal("{\"type\":\"CHAT_RESPONSE\",\"requestId\":3.5,\"response\":\"x\"}"));
        assertEquals(FrameError.MISSING_FIELD, refusal("{\"type\":\"CHAT_RESPONSE_CHUNK\",\"requestId\":3}"));
        assertEquals(FrameError.WRONG_FIELD_TYPE, refusal("{\"type\":\"CHAT_RESPONSE_CHUNK\",\"requestId\":3,\"chunk\":\"a\",\"isFinal\":\"yes\"}"));
        assertEquals(FrameError.UNKNOWN_TYPE, refusal("{\"type\":\"EXTENSION_STATUS\",\"status\":\"connected\"}"));
        assertEquals(FrameError.UNKNOWN_TYPE, refusal("{\"type\":\"SEND_CHAT_MESSAGE\",\"requestId\":1,\"message\":\"m\"}"),
                "a server frame is not an extension frame");
    }

    private FrameError refusal(String text) {
        return assertThrows(FrameException.class, () -> extension.decode(text)).error();
    }
}
