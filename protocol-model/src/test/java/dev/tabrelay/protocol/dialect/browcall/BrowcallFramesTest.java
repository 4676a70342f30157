package dev.tabrelay.protocol.dialect.browcall;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.chat.CancelChat;
import dev.tabrelay.protocol.chat.ChatMessage;
import dev.tabrelay.protocol.chat.ChatResponse;
import dev.tabrelay.protocol.chat.ChatResponseChunk;
import dev.tabrelay.protocol.chat.ChatResponseError;
import dev.tabrelay.protocol.chat.SendChatMessage;
import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.LegacyJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tabrelay.protocol.dialect.DialectFixtures.assertRoundTrip;
import static dev.tabrelay.protocol.dialect.DialectFixtures.assertSameJson;
import static dev.tabrelay.protocol.dialect.DialectFixtures.envelopes;
import static dev.tabrelay.protocol.dialect.DialectFixtures.mapped;
import static dev.tabrelay.protocol.dialect.DialectFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrowcallFramesTest {

    private final BrowcallServerFrames server = new BrowcallServerFrames(LegacyJson.defaults(), envelopes());
    private final BrowcallExtensionFrames extension = new BrowcallExtensionFrames(LegacyJson.defaults(), envelopes());

    @Test
    void registerResponseIsTheAck() throws FrameException {
        ConnectionAck ack = assertInstanceOf(ConnectionAck.class, assertRoundTrip(server, "browcall/server/register-response.json").data());
        assertEquals(30_000, ack.heartbeatInterval());
    }

    @Test
    void chatRoundTrips() throws FrameException {
        Message message = assertRoundTrip(server, "browcall/server/chat.json");
        assertEquals(new SendChatMessage("0b9e5c2a-3f1d-4c8e-9a51-7d2f0e6b1c44",
                List.of(ChatMessage.of("user", "You are terse.\n\nSay hello")), null), message.data());
    }

    @Test
    void chatJoinsEveryMessageAndTakesTheOutputFormat() {
        Message message = Message.of("m", 1L, new SendChatMessage("r1",
                List.of(ChatMessage.of("system", "You are terse."), ChatMessage.of("user", "Say hello")), null));
        assertSameJson(read("browcall/server/chat.json").replace("0b9e5c2a-3f1d-4c8e-9a51-7d2f0e6b1c44", "r1"),
                server.encode(message).get(0));
        assertSameJson("{\"type\":\"chat\",\"data\":{\"uuid\":\"r1\",\"text\":\"You are terse.\\n\\nSay hello\",\"outputFormat\":\"json\"}}",
                server.encode(message, "json").get(0));
        assertThrows(IllegalArgumentException.class, () -> server.encode(message, "pdf"));
    }

    @Test
    void snapshotChatWithoutUuidUsesTheMessageId() throws FrameException {
        Message message = mapped(server, "browcall/server/chat-snapshot.json");
        assertEquals(message.id(), ((SendChatMessage) message.data()).requestId());
    }

    @Test
    void initialContextIsDropped() throws FrameException {
        Message message = mapped(server, "browcall/server/chat-initial-context.json");
        assertEquals(List.of(ChatMessage.of("user", "You are Claude Code.\n\nList the files")),
                ((SendChatMessage) message.data()).messages());
        assertSameJson("{\"type\":\"chat\",\"data\":{\"uuid\":\"5d1f\",\"text\":\"You are Claude Code.\\n\\nList the files\",\"outputFormat\":\"plain\"}}",
                server.encode(message, "plain").get(0));
    }

    @Test
    void registerIsTheHelloWithTheTabId() throws FrameException {
        Message message = assertRoundTrip(extension, "browcall/extension/register.json");
        ConnectionInit init = assertInstanceOf(ConnectionInit.class, message.data());
        assertEquals(BrowcallExtensionFrames.CLIENT_TYPE, init.clientType());
        assertEquals("123", init.tabId());
        assertEquals("123", message.metadata().tabId());
        assertThrows(IllegalArgumentException.class, () -> extension.encode(Message.of("i", 1L,
                new ConnectionInit(BrowcallExtensionFrames.CLIENT_TYPE, null, null, null, "tab-a", null, null, null))));
    }

    @Test
    void heartbeatRoundTrips() throws FrameException {
        assertInstanceOf(Heartbeat.class, assertRoundTrip(extension, "browcall/extension/heartbeat.json").data());
    }

    @Test
    void cumulativeAnswersBecomeDeltasAndBack() throws FrameException {
        Message first = assertRoundTrip(extension, "browcall/extension/answer-partial.json");
        assertEquals(new ChatResponseChunk("0b9e5c2a", "Hello wo", false, null), first.data());
        Message second = assertRoundTrip(extension, "browcall/extension/answer-complete.json");
        assertEquals(new ChatResponseChunk("0b9e5c2a", "rld", false, "stop"), second.data());
        Message stop = assertRoundTrip(extension, "browcall/extension/stop.json");
        assertEquals(new ChatResponseChunk("0b9e5c2a", "", true, "stop"), stop.data());
        assertTrue(extension.stream("0b9e5c2a").isEmpty(), "stop forgets the request");
    }

    @Test
    void repeatedAnswerIsIgnored() throws FrameException {
        extension.decode(read("browcall/extension/answer-partial.json"));
        Decoded again = extension.decode(read("browcall/extension/answer-partial.json"));
        assertEquals("0b9e5c2a", assertInstanceOf(Decoded.Ignored.class, again).requestId());
    }

    @Test
    void citationsAreDropped() throws FrameException {
        ChatResponseChunk chunk = (ChatResponseChunk) mapped(extension, "browcall/extension/answer-perplexity.json").data();
        assertTrue(chunk.delta().contains("--- References ---"));
    }

    @Test
    void snapshotFramesWithoutUuidBelongToTheExpectedRequest() throws FrameException {
        assertEquals(FrameError.MISSING_FIELD, assertThrows(FrameException.class,
                () -> extension.decode(read("browcall/extension/answer-snapshot.json"))).error());
        extension.expect("req-9");
        assertEquals(new ChatResponseChunk("req-9", "Hi", false, null), mapped(extension, "browcall/extension/answer-snapshot.json").data());
        assertEquals(new ChatResponseChunk("req-9", "", true, "stop"), mapped(extension, "browcall/extension/stop-snapshot.json").data());
        assertEquals(FrameError.MISSING_FIELD, assertThrows(FrameException.class,
                () -> extension.decode(read("browcall/extension/stop-snapshot.json"))).error(), "stop clears the expectation");
    }

    @Test
    void simulatedExtensionSendsCumulativeAnswersThenStop() {
        List<String> first = extension.encode(Message.of("a", 1L, new ChatResponseChunk("u", "Hel", false, null)));
        assertSameJson("{\"type\":\"answer\",\"data\":{\"text\":\"Hel\",\"complete\":false,\"citations\":[],\"uuid\":\"u\"}}", first.get(0));
        List<String> last = extension.encode(Message.of("b", 1L, new ChatResponseChunk("u", "lo", true, "stop")));
        assertEquals(2, last.size());
        assertSameJson("{\"type\":\"answer\",\"data\":{\"text\":\"Hello\",\"complete\":true,\"citations\":[],\"uuid\":\"u\"}}", last.get(0));
        assertSameJson("{\"type\":\"stop\",\"data\":{\"uuid\":\"u\"}}", last.get(1));

        List<String> whole = extension.encode(Message.of("c", 1L, new ChatResponse("v", "All at once", null, "stop", null)));
        assertSameJson("{\"type\":\"answer\",\"data\":{\"text\":\"All at once\",\"complete\":true,\"citations\":[],\"uuid\":\"v\"}}", whole.get(0));
        assertSameJson("{\"type\":\"stop\",\"data\":{\"uuid\":\"v\"}}", whole.get(1));

        List<String> failed = extension.encode(Message.of("d", 1L, new ChatResponseError("w", "boom", null)));
        assertEquals(1, failed.size());
        assertSameJson("{\"type\":\"stop\",\"data\":{\"uuid\":\"w\"}}", failed.get(0));
    }

    @Test
    void typesWithoutALegacyFrameEncodeToNothing() {
        assertEquals(List.of(), server.encode(Message.of("c", 1L, new CancelChat("u", "timeout"))));
        assertEquals(List.of(), extension.encode(Message.of("c", 1L, new CancelChat("u", "timeout"))));
    }

    @Test
    void malformedFramesAreTyped() {
        assertEquals(FrameError.MISSING_FIELD, refusal("{\"type\":\"register\"}"));
        assertEquals(FrameError.WRONG_FIELD_TYPE, refusal("{\"type\":\"register\",\"data\":[123]}"));
        assertEquals(FrameError.MISSING_FIELD, refusal("{\"type\":\"answer\",\"data\":{\"uuid\":\"u\"}}"));
        assertEquals(FrameError.WRONG_FIELD_TYPE, refusal("{\"type\":\"answer\",\"data\":{\"text\":\"t\",\"uuid\":\"u\",\"citations\":\"x\"}}"));
        assertEquals(FrameError.UNKNOWN_TYPE, refusal("{\"type\":\"chat_response\",\"data\":{}}"));
    }

    private FrameError refusal(String text) {
        return assertThrows(FrameException.class, () -> extension.decode(text)).error();
    }
}
