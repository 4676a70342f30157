package dev.tabrelay.protocol.schema;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Test helpers: parse JSON text into map/list trees and walk them without casts everywhere. */
final class SchemaTrees {

    private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

    private SchemaTrees() {
    }

    static Object parse(String text) {
        try {
            return JSON.fromJson(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        return (Map<String, Object>) parse(text);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> tree, String... keys) {
        Map<String, Object> node = tree;
        for (String key : keys) {
            node = (Map<String, Object>) node.get(key);
            if (node == null) {
                throw new AssertionError("no '" + key + "' in the schema path " + String.join(".", keys));
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static List<String> required(Map<String, Object> schema) {
        return (List<String>) schema.getOrDefault("required", List.of());
    }
}
