package dev.tabrelay.server.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tree writer must write exactly what Moshi's Object adapter writes, for every kind of value. */
class JsonTest {

    private final Moshi moshi = new Moshi.Builder().build();
    private final JsonAdapter<Object> reference = moshi.adapter(Object.class).serializeNulls();
    private final Json json = new Json(moshi);

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
            assertEquals(reference.toJson(value), json.write(value));
            assertArrayEquals(reference.toJson(value).getBytes(StandardCharsets.UTF_8), json.writeBytes(value));
        }
        assertEquals("null", json.write(null));
    }

    @Test
    void aNullMapKeyFailsAsInMoshi() {
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThrows(RuntimeException.class, () -> reference.toJson(nullKey));
        assertThrows(RuntimeException.class, () -> json.write(nullKey));
    }

    @Test
    void readsTextAndBytesAlike() {
        String text = "{\"a\":[1,\"é ✓ 😀\",null,{\"b\":true}]}";
        assertEquals(json.read(text), json.read(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of(), json.read(" \r\n\t".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of(), json.read(new byte[0]));
        assertEquals(Map.of(), json.read((String) null));
    }

    @Test
    void refusesWhatIsNotOneWholeDocument() {
        for (String bad : List.of("{\"a\":1} {\"b\":2}", "{\"a\":1} x", "{\"a\":", "nope")) {
            Json.BadRequest text = assertThrows(Json.BadRequest.class, () -> json.read(bad), bad);
            assertTrue(text.getMessage().startsWith("the request body is not valid JSON"), text.getMessage());
            assertThrows(Json.BadRequest.class, () -> json.read(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
        Json.BadRequest notObject = assertThrows(Json.BadRequest.class, () -> json.readObject("[1]"));
        assertEquals("the request body must be a JSON object", notObject.getMessage());
    }
}
