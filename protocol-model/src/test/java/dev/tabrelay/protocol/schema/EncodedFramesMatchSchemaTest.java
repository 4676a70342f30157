package dev.tabrelay.protocol.schema;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.MessageType;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.chat.ChatMessage;
import dev.tabrelay.protocol.chat.ChatSettings;
import dev.tabrelay.protocol.chat.SendChatMessage;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementBox;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.SelectedElement;
import dev.tabrelay.protocol.ops.LeaseQueued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames written by {@link FrameCodec} validate against the shipped schemas and use only declared properties. */
class EncodedFramesMatchSchemaTest {

    private static final long NOW = 1_750_000_000_000L;
    private final FrameCodec codec = FrameCodec.defaults();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void aFrameWithEveryFieldSetValidates(MessageType type) {
        Message message = new Message("m-1", NOW, FilledRecords.filled(type.payloadType()),
                new Metadata("s", "extension", "1.0", "tab-1", "https://example.com"));
        assertValid(type, codec.encode(message));
    }

    @Test
    void handWrittenSamplesValidate() {
        assertValid(MessageType.CONSOLE_LOG, encode(new ConsoleLog("warn", "careful", List.of(1, "two", Map.of("three", 3)),
                "app.js:1:2", null)));
        assertValid(MessageType.SEND_CHAT_MESSAGE, encode(new SendChatMessage("r-1", List.of(
                ChatMessage.of("system", "be brief"),
                new ChatMessage("user", List.of(Map.of("type", "text", "text", "hi"),
                        Map.of("type", "image_url", "image_url", Map.of("url", "data:image/png;base64,AA"))), null)),
                new ChatSettings("gpt-x", 0.2, 256, true))));
        assertValid(MessageType.ELEMENT_SELECTED, encode(new ElementSelected(new SelectedElement("div", "main", null,
                Map.of("role", "main"), new ElementBox(10.0, 20.5, 0.0, 0.0), null, null, "text", null, "#main"))));
        assertValid(MessageType.ERROR, encode(new ErrorFrame("rate-limited", "slow down", "m-0", true,
                Map.of("retryAfterMs", 500, "nested", List.of(true)))));
        assertValid(MessageType.HEARTBEAT, encode(Heartbeat.alive()));
        assertValid(MessageType.LEASE_QUEUED, encode(new LeaseQueued(1, NOW + 5_000)));
    }

    @Test
    void maxTokensIsDeclaredUnderItsJsonName() {
        String frame = encode(new SendChatMessage("r-1", List.of(ChatMessage.of("user", "hi")),
                new ChatSettings(null, null, 64, null)));
        assertTrue(frame.contains("\"max_tokens\":64"), frame);
        assertValid(MessageType.SEND_CHAT_MESSAGE, frame);
    }

    @Test
    void theValidatorCatchesWhatTheCodecRefuses() {
        MiniValidator validator = validator(MessageType.CONSOLE_LOG);
        List<String> missing = validator.validate(SchemaTrees.parse(
                "{\"id\":\"a\",\"type\":\"console-log\",\"timestamp\":1,\"data\":{\"level\":\"log\"}}"));
        assertEquals(List.of("$.data: missing required message"), missing);
        List<String> wrongType = validator.validate(SchemaTrees.parse(
                "{\"id\":\"a\",\"type\":\"console-log\",\"timestamp\":\"1\",\"data\":{\"level\":\"log\",\"message\":2}}"));
        assertEquals(2, wrongType.size(), wrongType.toString());
        List<String> wrongConst = validator.validate(SchemaTrees.parse(
                "{\"id\":\"a\",\"type\":\"console-error\",\"timestamp\":1,\"data\":{\"level\":\"log\",\"message\":\"m\"}}"));
        assertFalse(wrongConst.isEmpty());
    }

    @Test
    void unknownFieldsAreToleratedOutsideStrictMode() {
        Map<String, Object> schema = SchemaTrees.object(ProtocolSchemas.load(MessageType.CONSOLE_LOG));
        Object frame = SchemaTrees.parse("{\"id\":\"a\",\"type\":\"console-log\",\"timestamp\":1,\"extra\":true,"
                + "\"data\":{\"level\":\"log\",\"message\":\"m\",\"future\":1}}");
        assertEquals(List.of(), new MiniValidator(schema, false).validate(frame));
    }

    private String encode(Payload payload) {
        return codec.encode(Message.of("m-1", NOW, payload));
    }

    private static void assertValid(MessageType type, String frame) {
        assertEquals(List.of(), validator(type).validate(SchemaTrees.parse(frame)), frame);
    }

    private static MiniValidator validator(MessageType type) {
        return new MiniValidator(SchemaTrees.object(ProtocolSchemas.load(type)), true);
    }
}
