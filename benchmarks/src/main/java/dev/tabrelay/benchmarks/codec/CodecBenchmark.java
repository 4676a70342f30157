package dev.tabrelay.benchmarks.codec;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.MessageType;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.codec.FrameException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Typed codec against an untyped baseline, on the same frame text in the same run.
 * <ul>
 *   <li>{@code decodeTyped}: {@link FrameCodec#decode(String)}: parse, envelope checks (id, type, timestamp age,
 *       size), typed payload record, strict scalars and {@code @Required} checks.</li>
 *   <li>{@code decodeMap}: plain Moshi parsing the same string into a {@code Map<String, Object>} (no checks).</li>
 *   <li>{@code encodeTyped}: {@link FrameCodec#encode(Message)} of the decoded message.</li>
 *   <li>{@code encodeMap}: plain Moshi writing the equivalent {@code Map} (same fields, integers as {@code Long},
 *       so the output is the same JSON).</li>
 * </ul>
 * Defaults here are the short run; {@code ./benchmarks codec} overrides them through the runner.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CodecBenchmark {

    /** Wire type name of the frame under test. */
    @Param({"console-log", "network-request", "CHAT_RESPONSE_CHUNK"})
    public String frame;

    private FrameCodec codec;
    private JsonAdapter<Map<String, Object>> mapAdapter;
    private String text;
    private Message message;
    private Map<String, Object> map;

    @Setup
    public void setUp() throws IOException, FrameException {
        codec = FrameCodec.builder().clock(Frames.CLOCK).build();
        // The baseline is a plain Moshi, as an untyped relay would use it (no strict scalars, no checks).
        mapAdapter = new Moshi.Builder().build()
                .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
        text = Frames.forKind(frame);

        message = codec.decode(text);
        MessageType expected = MessageType.forWireName(frame).orElseThrow();
        if (MessageType.of(message.data()) != expected) {
            throw new IllegalStateException("decoded " + message.type() + ", expected " + frame);
        }
        map = wholeNumbersAsLong(mapAdapter.fromJson(codec.encode(message)));

        // Both encoders must produce the same JSON value, or the comparison is not like for like.
        Object typedTree = mapAdapter.fromJson(codec.encode(message));
        Object mapTree = mapAdapter.fromJson(mapAdapter.toJson(map));
        if (!typedTree.equals(mapTree)) {
            throw new IllegalStateException("encoders disagree for " + frame + ":\n" + typedTree + "\n" + mapTree);
        }
    }

    @Benchmark
    public Message decodeTyped() throws FrameException {
        return codec.decode(text);
    }

    @Benchmark
    public Map<String, Object> decodeMap() throws IOException {
        return mapAdapter.fromJson(text);
    }

    @Benchmark
    public String encodeTyped() {
        return codec.encode(message);
    }

    @Benchmark
    public String encodeMap() {
        return mapAdapter.toJson(map);
    }

    /** Moshi reads every JSON number as Double; the typed side writes longs, so the baseline map should too. */
    @SuppressWarnings("unchecked")
    static <T> T wholeNumbersAsLong(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, wholeNumbersAsLong(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(wholeNumbersAsLong(v)));
            return (T) copy;
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            return (T) Long.valueOf(d.longValue());
        }
        return value;
    }
}
