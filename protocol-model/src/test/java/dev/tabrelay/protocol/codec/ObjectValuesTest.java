package dev.tabrelay.protocol.codec;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The codec's adapter for Object-typed values must write exactly what Moshi's own writes, for every kind of value. */
class ObjectValuesTest {

    private final JsonAdapter<Object> reference = new Moshi.Builder().build().adapter(Object.class).serializeNulls();
    private final JsonAdapter<Object> codecs = FrameCodec.defaults().moshi().adapter(Object.class).serializeNulls();

    @Test
    void writesWhatMoshiWritesForEveryKindOfValue() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 unicode é ✓ 😀 </script>");
        nested.put("null", null);
        nested.put("true", true);
        nested.put("int", Integer.MIN_VALUE);
        nested.put("long", Long.MAX_VALUE);
        nested.put("double", 0.1);
        nested.put("wholeDouble", 3.0);
        nested.put("float", 1.5f);
        nested.put("empty map", Map.of());
        nested.put("empty list", List.of());
        nested.put("list", Arrays.asList(1, "two", null, List.of(3L), Map.of("k", false)));
        nested.put("set", new LinkedHashSet<>(List.of("a", "b")));
        Map<Object, Object> numberKeys = new TreeMap<>();
        numberKeys.put(1, "one");
        numberKeys.put(2, List.of());
        nested.put("numberKeys", numberKeys);
        Map<String, Object> root = new HashMap<>();
        root.put("nested", nested);
        root.put("list of maps", new ArrayList<>(List.of(nested, Map.of("x", 1))));
        for (Object value : List.of(root, nested, List.of(nested), "just a string", 42, true, 2.5)) {
            assertEquals(reference.toJson(value), codecs.toJson(value));
        }
        assertEquals("null", codecs.toJson(null));
        assertEquals(reference.toJsonValue(nested), codecs.toJsonValue(nested), "value trees too");
    }

    @Test
    void aNullMapKeyFailsAsInMoshi() {
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThrows(RuntimeException.class, () -> reference.toJson(nullKey));
        assertThrows(RuntimeException.class, () -> codecs.toJson(nullKey));
    }

}
