package dev.tabrelay.protocol.codec;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The adapter for {@code Object}-typed values: free-form JSON such as chat content parts, request settings and
 * HTTP bodies. Moshi's own looks up an adapter for the runtime class of every value it writes, through a cache
 * that all threads share under one lock; that look-up was the largest single cost of relaying a chat request
 * (JFR, chat benchmark). Maps with string keys, collections, strings, booleans and boxed ints, longs and doubles
 * are written here, exactly as Moshi writes them; any other value, and all reading, is left to Moshi.
 */
final class ObjectValues implements JsonAdapter.Factory {

    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
        if (type != Object.class || !annotations.isEmpty()) {
            return null;
        }
        return new TreeAdapter(moshi.nextAdapter(this, Object.class, annotations));
    }

    private static final class TreeAdapter extends JsonAdapter<Object> {
        private final JsonAdapter<Object> moshis;

        TreeAdapter(JsonAdapter<Object> moshis) {
            this.moshis = moshis;
        }

        @Override
        public Object fromJson(JsonReader reader) throws IOException {
            return moshis.fromJson(reader);
        }

        @Override
        public void toJson(JsonWriter writer, Object value) throws IOException {
            if (value == null) {
                writer.nullValue();
            } else if (value instanceof String text) {
                writer.value(text);
            } else if (value instanceof Boolean flag) {
                writer.value(flag.booleanValue());
            } else if (value instanceof Integer || value instanceof Long) {
                writer.value(((Number) value).longValue());
            } else if (value instanceof Double number) {
                writer.value(number.doubleValue());
            } else if (value instanceof Map<?, ?> map && stringKeys(map)) {
                writer.beginObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    writer.name((String) entry.getKey());
                    toJson(writer, entry.getValue());
                }
                writer.endObject();
            } else if (value instanceof Collection<?> items) {
                writer.beginArray();
                for (Object item : items) {
                    toJson(writer, item);
                }
                writer.endArray();
            } else {
                moshis.toJson(writer, value);
            }
        }

        private static boolean stringKeys(Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!(key instanceof String)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "JsonAdapter(Object, trees written directly)";
        }
    }
}
