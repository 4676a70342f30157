package dev.tabrelay.protocol.codec;

import com.squareup.moshi.Moshi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: JSON text to a normalised value tree, so "equivalent JSON" can be compared with equals. */
final class JsonTrees {

    private static final Moshi MOSHI = new Moshi.Builder().build();

    private JsonTrees() {
    }

    /** Parses JSON and drops null-valued object members (absent and null are equivalent on the wire). */
    static Object normalised(String json) {
        try {
            return normalise(MOSHI.adapter(Object.class).fromJson(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String toJson(Object tree) {
        return MOSHI.adapter(Object.class).toJson(tree);
    }

    @SuppressWarnings("unchecked")
    static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, item) -> {
                if (item != null) {
                    out.put(key, normalise(item));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(normalise(item)));
            return out;
        }
        return value;
    }
}
