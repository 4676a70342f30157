package dev.tabrelay.protocol.codec;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.MessageType;
import dev.tabrelay.protocol.Payload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** For every message type: 300 generated instances survive encode then decode unchanged. */
class RoundTripPropertyTest {

    private static final long NOW = 1_763_700_000_000L;
    private static final FrameCodec CODEC = FrameCodec.builder()
            .clock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).build();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void generatedInstancesRoundTrip(MessageType type) throws FrameException {
        RandomPayloads generator = new RandomPayloads(type.ordinal() * 7919L);
        for (int i = 0; i < 300; i++) {
            Payload payload = generator.payload(type.payloadType());
            Message original = new Message("id-" + i, NOW - i, payload, generator.metadata());
            String json = CODEC.encode(original);
            Message decoded = CODEC.decode(json);
            assertEquals(original, decoded, () -> "round trip changed " + json);
            assertEquals(type.wireName(), decoded.type());
        }
    }
}
