package dev.tabrelay.server.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.tabrelay.protocol.codec.FrameCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP bodies: written as the codec's Moshi writes them, read as one whole document. */
class JsonTest {

    private final Moshi moshi = new Moshi.Builder().build();
    private final JsonAdapter<Object> reference = moshi.adapter(Object.class).serializeNulls();
    private final Json json = new Json(FrameCodec.defaults().moshi());

    @Test
    void writesTheCodecsJsonAsTextOrBytes() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("text", "é ✓ 😀 \" \\");
        tree.put("null", null);
        tree.put("list", Arrays.asList(1, 2.5, true, null, Map.of("k", "v")));
        assertEquals(reference.toJson(tree), json.write(tree));
        assertArrayEquals(reference.toJson(tree).getBytes(StandardCharsets.UTF_8), json.writeBytes(tree));
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
