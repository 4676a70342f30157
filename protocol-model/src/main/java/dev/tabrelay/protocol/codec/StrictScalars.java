package dev.tabrelay.protocol.codec;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * Moshi's built-in scalar adapters coerce: a number is accepted where a string is expected and a quoted
 * number where a number is expected. The protocol is typed, so these adapters refuse both.
 */
final class StrictScalars implements JsonAdapter.Factory {

    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
        if (!annotations.isEmpty()) {
            return null;
        }
        if (type == String.class) {
            return new Strict<>(JsonReader.Token.STRING, "a string", JsonReader::nextString,
                    (writer, value) -> writer.value((String) value)).nullSafe();
        }
        if (type == Long.class || type == long.class) {
            JsonAdapter<Long> adapter = new Strict<>(JsonReader.Token.NUMBER, "a whole number", JsonReader::nextLong,
                    (writer, value) -> writer.value((long) (Long) value));
            return type == Long.class ? adapter.nullSafe() : adapter;
        }
        if (type == Integer.class || type == int.class) {
            JsonAdapter<Integer> adapter = new Strict<>(JsonReader.Token.NUMBER, "a whole number", JsonReader::nextInt,
                    (writer, value) -> writer.value((int) (Integer) value));
            return type == Integer.class ? adapter.nullSafe() : adapter;
        }
        if (type == Double.class || type == double.class) {
            JsonAdapter<Double> adapter = new Strict<>(JsonReader.Token.NUMBER, "a number", JsonReader::nextDouble,
                    (writer, value) -> writer.value((double) (Double) value));
            return type == Double.class ? adapter.nullSafe() : adapter;
        }
        return null;
    }

    private interface Reader<T> {
        T read(JsonReader reader) throws IOException;
    }

    private interface Writer {
        void write(JsonWriter writer, Object value) throws IOException;
    }

    private static final class Strict<T> extends JsonAdapter<T> {
        private final JsonReader.Token expected;
        private final String description;
        private final Reader<T> reader;
        private final Writer writer;

        Strict(JsonReader.Token expected, String description, Reader<T> reader, Writer writer) {
            this.expected = expected;
            this.description = description;
            this.reader = reader;
            this.writer = writer;
        }

        @Override
        public T fromJson(JsonReader in) throws IOException {
            JsonReader.Token token = in.peek();
            if (token != expected) {
                throw new JsonDataException("Expected " + description + " but was " + token + " at path " + in.getPath());
            }
            return reader.read(in);
        }

        @Override
        public void toJson(JsonWriter out, T value) throws IOException {
            writer.write(out, value);
        }
    }
}
