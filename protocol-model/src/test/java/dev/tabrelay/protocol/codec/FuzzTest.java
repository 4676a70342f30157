package dev.tabrelay.protocol.codec;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.MessageType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * 100,000 mutated and random inputs: decode must return a message or a {@link FrameException}, never anything
 * else. A deadline guards against a hang (it is not a speed assertion).
 */
class FuzzTest {

    private static final int INPUTS = 100_000;
    private static final long DEADLINE_MS = 5 * 60_000;
    private static final long NOW = 1_763_700_000_000L;
    private static final String ALPHABET = "{}[]\":,\\0123456789.eE+-truefalsnul \n\t\u00e9\ud83d\ude00\u0000";

    @Test
    void decodeNeverThrowsAnythingButFrameException() {
        FrameCodec codec = FrameCodec.builder().maxFrameBytes(64 * 1024)
                .clock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).build();
        List<String> corpus = corpus(codec);
        Random random = new Random(20261121L);
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < INPUTS; i++) {
            if (System.currentTimeMillis() > deadline) {
                fail("fuzzing hung: only " + i + " inputs in " + DEADLINE_MS + " ms");
            }
            String input = i % 10 == 0 ? randomText(random) : mutate(corpus.get(random.nextInt(corpus.size())), random);
            try {
                Message message = codec.decode(input);
                assertEquals(message.type(), MessageType.of(message.data()).wireName());
                decoded++;
            } catch (FrameException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "typed errors explain themselves");
                refused++;
            } catch (Throwable t) {
                throw new AssertionError("decode threw " + t + " for input: " + input, t);
            }
        }
        assertEquals(INPUTS, decoded + refused);
        assertTrue(decoded > 1000, "mutations should keep some frames valid, decoded " + decoded);
        assertTrue(refused > 1000, "mutations should break some frames, refused " + refused);
    }

    private static List<String> corpus(FrameCodec codec) {
        List<String> frames = new ArrayList<>();
        RandomPayloads generator = new RandomPayloads(42);
        for (MessageType type : MessageType.values()) {
            for (int i = 0; i < 3; i++) {
                frames.add(codec.encode(new Message("fz" + i, NOW, generator.payload(type.payloadType()), generator.metadata())));
            }
        }
        return frames;
    }

    private static String mutate(String frame, Random random) {
        StringBuilder text = new StringBuilder(frame);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !text.isEmpty(); e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(7)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 3 -> text.setLength(at);
                case 4 -> text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(40))));
                case 5 -> text.replace(at, Math.min(text.length(), at + 8), "\"" + random.nextInt() + "\"");
                default -> {
                    // swap a value's type: wrap a stretch in quotes or brackets
                    int end = Math.min(text.length(), at + 1 + random.nextInt(10));
                    text.insert(end, random.nextBoolean() ? "\"" : "]").insert(at, random.nextBoolean() ? "\"" : "[");
                }
            }
        }
        return text.toString();
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
