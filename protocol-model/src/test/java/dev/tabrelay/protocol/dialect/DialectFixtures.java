package dev.tabrelay.protocol.dialect;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Loads the legacy sample frames under {@code src/test/resources/dialect} and compares JSON by value. */
public final class DialectFixtures {

    public static final long NOW = 1_742_409_200_000L;
    private static final JsonAdapter<Object> TREE = new Moshi.Builder().build().adapter(Object.class);

    private DialectFixtures() {
    }

    /** Ids {@code id-1, id-2, ...} and a clock fixed at {@link #NOW}. */
    public static Envelopes envelopes() {
        AtomicInteger next = new AtomicInteger();
        return new Envelopes(() -> "id-" + next.incrementAndGet(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    }

    public static String read(String path) {
        try (InputStream in = DialectFixtures.class.getResourceAsStream("/dialect/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON text as a value tree (numbers as doubles), so key order and 3 vs 3.0 do not matter. */
    public static Object tree(String json) {
        try {
            return TREE.fromJson(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertSameJson(String expected, String actual) {
        assertEquals(tree(expected), tree(actual), () -> "expected " + expected + "\n but was " + actual);
    }

    /** Decodes a fixture that must map to a canonical message. */
    public static Message mapped(DialectCodec codec, String fixture) throws FrameException {
        Decoded decoded = codec.decode(read(fixture));
        return assertInstanceOf(Decoded.Mapped.class, decoded, fixture).value();
    }

    /** Decodes a fixture, encodes the result with the same codec and expects the fixture back as one frame. */
    public static Message assertRoundTrip(DialectCodec codec, String fixture) throws FrameException {
        Message message = mapped(codec, fixture);
        var frames = codec.encode(message);
        assertEquals(1, frames.size(), () -> fixture + " re-encoded as " + frames);
        assertSameJson(read(fixture), frames.get(0));
        return message;
    }
}
