package dev.tabrelay.protocol.codec;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per error class: the typed code, the JSON path, the refused frame's id and an actionable message. */
class DecodeErrorsTest {

    private static final long NOW = 1_763_700_000_000L;
    private static final FrameCodec CODEC = FrameCodec.builder()
            .clock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).build();

    private static FrameException refuse(FrameCodec codec, String json) {
        return assertThrows(FrameException.class, () -> codec.decode(json));
    }

    private static String frame(String type, long timestamp, String data) {
        return "{\"id\":\"f1\",\"type\":\"" + type + "\",\"timestamp\":" + timestamp + (data == null ? "" : ",\"data\":" + data) + "}";
    }

    @Test
    void malformedJson() {
        FrameException e = refuse(CODEC, "{\"id\":\"f1\",\"type\":\"console-log\",");
        assertEquals(FrameError.MALFORMED_JSON, e.error());
        assertEquals("malformed-json", e.code());
        assertTrue(e.getMessage().startsWith("not valid JSON"), e.getMessage());
        assertEquals("f1", e.frameId(), "the id read before the break is kept for the error reply");
    }

    @Test
    void notAnObject() {
        FrameException e = refuse(CODEC, "[1,2,3]");
        assertEquals(FrameError.MALFORMED_JSON, e.error());
        assertTrue(e.getMessage().contains("must be a JSON object"), e.getMessage());
        assertNull(e.frameId());
    }

    @Test
    void trailingGarbage() {
        FrameException e = refuse(CODEC, frame("clear-logs", NOW, "{}") + " {}");
        assertEquals(FrameError.MALFORMED_JSON, e.error());
        assertTrue(e.getMessage().contains("after the frame"), e.getMessage());
    }

    @Test
    void missingEnvelopeField() {
        FrameException e = refuse(CODEC, "{\"id\":\"f1\",\"type\":\"clear-logs\"}");
        assertEquals(FrameError.MISSING_FIELD, e.error());
        assertEquals("$.timestamp", e.path());
        assertTrue(e.getMessage().contains("'timestamp'") && e.getMessage().contains("epoch milliseconds"), e.getMessage());
    }

    @Test
    void missingRequiredDataField() {
        FrameException e = refuse(CODEC, frame("console-log", NOW, "{\"level\":\"info\"}"));
        assertEquals(FrameError.MISSING_FIELD, e.error());
        assertEquals("$.data.message", e.path());
        assertEquals("missing required field 'data.message'", e.getMessage());
        assertEquals("f1", e.frameId());
    }

    @Test
    void missingRequiredPrimitive() {
        FrameException e = refuse(CODEC, frame("CHAT_RESPONSE_CHUNK", NOW, "{\"requestId\":\"r1\",\"delta\":\"hi\"}"));
        assertEquals(FrameError.MISSING_FIELD, e.error());
        assertEquals("$.data.isFinal", e.path());
    }

    @Test
    void missingDataWhenTypeNeedsIt() {
        FrameException e = refuse(CODEC, frame("console-log", NOW, null));
        assertEquals(FrameError.MISSING_FIELD, e.error());
        assertTrue(e.path().startsWith("$.data."), e.path());
    }

    @Test
    void missingNestedField() {
        FrameException e = refuse(CODEC, frame("SEND_CHAT_MESSAGE", NOW,
                "{\"requestId\":\"r\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"content\":\"b\"}]}"));
        assertEquals(FrameError.MISSING_FIELD, e.error());
        assertEquals("$.data.messages[1].role", e.path());
    }

    @Test
    void wrongFieldType() {
        FrameException e = refuse(CODEC, frame("console-log", NOW, "{\"level\":3,\"message\":\"m\"}"));
        assertEquals(FrameError.WRONG_FIELD_TYPE, e.error());
        assertEquals("$.data.level", e.path());
        assertTrue(e.getMessage().contains("Expected a string but was NUMBER"), e.getMessage());
    }

    @Test
    void quotedNumberIsAWrongType() {
        FrameException e = refuse(CODEC, frame("network-request", NOW, "{\"url\":\"u\",\"method\":\"GET\",\"status\":\"200\"}"));
        assertEquals(FrameError.WRONG_FIELD_TYPE, e.error());
        assertEquals("$.data.status", e.path());
    }

    @Test
    void timestampMustBeNumeric() {
        FrameException e = refuse(CODEC, "{\"id\":\"f1\",\"type\":\"clear-logs\",\"timestamp\":\"" + NOW + "\"}");
        assertEquals(FrameError.WRONG_FIELD_TYPE, e.error());
        assertEquals("$.timestamp", e.path());
    }

    @Test
    void idMustBeAString() {
        FrameException e = refuse(CODEC, "{\"id\":7,\"type\":\"clear-logs\",\"timestamp\":" + NOW + "}");
        assertEquals(FrameError.WRONG_FIELD_TYPE, e.error());
        assertEquals("$.id", e.path());
    }

    @Test
    void unknownType() {
        FrameException e = refuse(CODEC, frame("teleport", NOW, "{}"));
        assertEquals(FrameError.UNKNOWN_TYPE, e.error());
        assertTrue(e.getMessage().contains("'teleport'"), e.getMessage());
        assertEquals("f1", e.frameId());
    }

    @Test
    void staleTimestamp() {
        FrameException e = refuse(CODEC, frame("clear-logs", NOW - 61_000, null));
        assertEquals(FrameError.STALE_TIMESTAMP, e.error());
        assertTrue(e.getMessage().contains("61000 ms old"), e.getMessage());
        assertDoesNotThrow(() -> CODEC.decode(frame("clear-logs", NOW - 59_000, null)));
    }

    @Test
    void futureTimestampBeyondSkew() {
        FrameException e = refuse(CODEC, frame("clear-logs", NOW + 120_000, null));
        assertEquals(FrameError.STALE_TIMESTAMP, e.error());
        assertTrue(e.getMessage().contains("in the future"), e.getMessage());
    }

    @Test
    void maxAgeIsConfigurableAndCanBeOff() {
        FrameCodec strict = CODEC.toBuilder().maxAge(Duration.ofSeconds(5)).build();
        assertEquals(FrameError.STALE_TIMESTAMP, refuse(strict, frame("clear-logs", NOW - 6_000, null)).error());
        FrameCodec any = CODEC.toBuilder().maxAge(null).build();
        assertDoesNotThrow(() -> any.decode(frame("clear-logs", 1, null)));
    }

    @Test
    void tooLarge() {
        FrameCodec small = CODEC.toBuilder().maxFrameBytes(200).build();
        String big = frame("console-log", NOW, "{\"level\":\"info\",\"message\":\"" + "x".repeat(300) + "\"}");
        FrameException e = refuse(small, big);
        assertEquals(FrameError.TOO_LARGE, e.error());
        assertTrue(e.getMessage().contains("limit is 200 bytes"), e.getMessage());
    }

    @Test
    void tooLargeCountsUtf8Bytes() {
        FrameCodec small = CODEC.toBuilder().maxFrameBytes(300).build();
        // 100 three-byte characters: 100 chars but 300+ bytes with the envelope
        String big = frame("console-log", NOW, "{\"level\":\"info\",\"message\":\"" + "漢".repeat(100) + "\"}");
        assertEquals(FrameError.TOO_LARGE, refuse(small, big).error());
    }

    @Test
    void defaultLimitIsOneMebibyte() {
        String big = frame("console-log", NOW, "{\"level\":\"info\",\"message\":\"" + "x".repeat(1024 * 1024) + "\"}");
        assertEquals(FrameError.TOO_LARGE, refuse(CODEC, big).error());
    }

    @Test
    void emptyFrame() {
        assertEquals(FrameError.MALFORMED_JSON, refuse(CODEC, "").error());
        assertEquals(FrameError.MALFORMED_JSON, refuse(CODEC, "   ").error());
    }

    @Test
    void unknownExtraFieldsAreTolerated() throws FrameException {
        var message = CODEC.decode("{\"id\":\"f1\",\"extra\":{\"a\":[1]},\"type\":\"console-log\",\"timestamp\":" + NOW
                + ",\"data\":{\"level\":\"info\",\"message\":\"m\",\"future\":true}}");
        assertEquals("console-log", message.type());
    }

    @Test
    void typeMayFollowData() throws FrameException {
        var message = CODEC.decode("{\"data\":{\"level\":\"info\",\"message\":\"m\"},\"id\":\"f1\",\"timestamp\":" + NOW
                + ",\"type\":\"console-log\"}");
        assertEquals("m", ((dev.tabrelay.protocol.events.ConsoleLog) message.data()).message());
    }

    @Test
    void errorBecomesAnErrorFrame() {
        FrameException e = refuse(CODEC, frame("teleport", NOW, "{}"));
        var error = e.toErrorFrame();
        assertEquals("unknown-type", error.code());
        assertEquals("f1", error.replyTo());
        assertEquals(e.getMessage(), error.message());
    }
}
