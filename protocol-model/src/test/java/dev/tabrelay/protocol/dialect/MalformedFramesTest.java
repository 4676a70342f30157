package dev.tabrelay.protocol.dialect;

import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.browcall.BrowcallExtensionFrames;
import dev.tabrelay.protocol.dialect.browcall.BrowcallServerFrames;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsCurrentUrlBody;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsExtensionFrames;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsLogBody;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsScreenshotBody;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsSelectedElementBody;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsServerFrames;
import dev.tabrelay.protocol.dialect.chatrelay.ChatRelayExtensionFrames;
import dev.tabrelay.protocol.dialect.chatrelay.ChatRelayRequestIds;
import dev.tabrelay.protocol.dialect.chatrelay.ChatRelayServerFrames;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every decoder refuses broken input with a {@link FrameException} and nothing else: generic garbage, and every
 * sample frame with each member removed or replaced by a value of each JSON kind.
 */
class MalformedFramesTest {

    /** The codec that decodes the fixtures in each folder. */
    private static final Map<String, Supplier<DialectCodec>> CODECS = new LinkedHashMap<>();
    /** Codecs of bodies without a {@code type} (the path says what they are): no unknown-type to check. */
    private static final Map<String, Supplier<DialectCodec>> UNTYPED = new LinkedHashMap<>();

    static {
        LegacyJson json = LegacyJson.defaults();
        CODECS.put("chatrelay/server", () -> new ChatRelayServerFrames(json, DialectFixtures.envelopes(), new ChatRelayRequestIds()));
        CODECS.put("chatrelay/extension", () -> new ChatRelayExtensionFrames(json, DialectFixtures.envelopes(), new ChatRelayRequestIds()));
        CODECS.put("browsertools/server", () -> new BrowserToolsServerFrames(json, DialectFixtures.envelopes()));
        CODECS.put("browsertools/extension", () -> new BrowserToolsExtensionFrames(json, DialectFixtures.envelopes()));
        CODECS.put("browsertools/log", () -> new BrowserToolsLogBody(json, DialectFixtures.envelopes()));
        CODECS.put("browcall/server", () -> new BrowcallServerFrames(json, DialectFixtures.envelopes()));
        CODECS.put("browcall/extension", () -> new BrowcallExtensionFrames(json, DialectFixtures.envelopes()));
        UNTYPED.put("browsertools/current-url", () -> new BrowserToolsCurrentUrlBody(json, DialectFixtures.envelopes()));
        UNTYPED.put("browsertools/selected-element", () -> new BrowserToolsSelectedElementBody(json, DialectFixtures.envelopes()));
        UNTYPED.put("browsertools/screenshot", () -> new BrowserToolsScreenshotBody(json, DialectFixtures.envelopes()));
    }

    private static final List<Object> REPLACEMENTS = List.of(42, -1.5, "text", true, List.of(), Map.of(), List.of(1, "x"));

    @TestFactory
    Stream<DynamicTest> garbageIsATypedError() {
        Map<String, FrameError> garbage = new LinkedHashMap<>();
        garbage.put("", FrameError.MALFORMED_JSON);
        garbage.put("   ", FrameError.MALFORMED_JSON);
        garbage.put("not json", FrameError.MALFORMED_JSON);
        garbage.put("[1,2]", FrameError.MALFORMED_JSON);
        garbage.put("\"type\"", FrameError.MALFORMED_JSON);
        garbage.put("{\"type\":", FrameError.MALFORMED_JSON);
        garbage.put("{\"type\":\"x\"} trailing", FrameError.MALFORMED_JSON);
        garbage.put("{}", null); // missing type, or data for the log body
        garbage.put("{\"type\":7}", null);
        garbage.put("{\"type\":\"no-such-type\",\"data\":{\"type\":\"no-such-type\"}}", FrameError.UNKNOWN_TYPE);
        List<DynamicTest> tests = new ArrayList<>();
        CODECS.forEach((name, codec) -> garbage.forEach((text, expected) -> tests.add(DynamicTest.dynamicTest(
                name + " <- " + text, () -> {
                    FrameException e = expectRefusal(codec.get(), text);
                    assertNotNull(e, "accepted " + text);
                    if (expected != null) {
                        assertEquals(expected, e.error(), e.getMessage());
                    }
                }))));
        UNTYPED.forEach((name, codec) -> garbage.forEach((text, expected) -> tests.add(DynamicTest.dynamicTest(
                name + " <- " + text, () -> {
                    FrameException e = expectRefusal(codec.get(), text);
                    assertNotNull(e, "accepted " + text);
                    if (expected == FrameError.MALFORMED_JSON) {
                        assertEquals(expected, e.error(), e.getMessage());
                    }
                }))));
        tests.add(DynamicTest.dynamicTest("null frame", () -> assertNotNull(expectRefusal(CODECS.get("chatrelay/server").get(), null))));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> mutatedSamplesGiveTypedErrorsOnly() throws IOException, URISyntaxException {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Supplier<DialectCodec>> all = new LinkedHashMap<>(CODECS);
        all.putAll(UNTYPED);
        for (var entry : all.entrySet()) {
            Path folder = Path.of(DialectFixtures.class.getResource("/dialect/" + entry.getKey()).toURI());
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    String fixture = entry.getKey() + "/" + file.getFileName();
                    tests.add(DynamicTest.dynamicTest(fixture, () -> mutateAll(entry.getValue(), fixture)));
                }
            }
        }
        return tests.stream();
    }

    private static void mutateAll(Supplier<DialectCodec> codec, String fixture) {
        Object original = DialectFixtures.tree(DialectFixtures.read(fixture));
        for (Object variant : variants(original)) {
            String text = new com.squareup.moshi.Moshi.Builder().build().adapter(Object.class).toJson(variant);
            expectRefusal(codec.get(), text); // a refusal or a mapping are both fine; any other exception is not
        }
    }

    /** Returns the refusal, or null when the frame decoded; fails on any exception other than FrameException. */
    private static FrameException expectRefusal(DialectCodec codec, String text) {
        try {
            codec.decode(text);
            return null;
        } catch (FrameException e) {
            assertNotNull(e.error());
            assertNotNull(e.path());
            return e;
        } catch (RuntimeException e) {
            fail("decode threw " + e + " for " + text, e);
            return null;
        }
    }

    /** Every variant of a tree with one member removed or replaced, at any depth. */
    @SuppressWarnings("unchecked")
    private static List<Object> variants(Object node) {
        List<Object> out = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                Map<String, Object> removed = new LinkedHashMap<>((Map<String, Object>) map);
                removed.remove(key);
                out.add(removed);
                for (Object replacement : REPLACEMENTS) {
                    Map<String, Object> replaced = new LinkedHashMap<>((Map<String, Object>) map);
                    replaced.put((String) key, replacement);
                    out.add(replaced);
                }
                for (Object child : variants(map.get(key))) {
                    Map<String, Object> nested = new LinkedHashMap<>((Map<String, Object>) map);
                    nested.put((String) key, child);
                    out.add(nested);
                }
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                for (Object replacement : REPLACEMENTS) {
                    List<Object> replaced = new ArrayList<>(list);
                    replaced.set(i, replacement);
                    out.add(replaced);
                }
                for (Object child : variants(list.get(i))) {
                    List<Object> nested = new ArrayList<>(list);
                    nested.set(i, child);
                    out.add(nested);
                }
            }
        }
        return out;
    }
}
