package dev.tabrelay.protocol.schema;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds a record with every component set (lists and maps with one entry, nested records filled too), so an
 * encoded frame exercises every property the schema should declare.
 */
final class FilledRecords {

    private FilledRecords() {
    }

    static <T> T filled(Class<T> record) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i].getGenericType());
        }
        try {
            Constructor<T> constructor = record.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + record.getName(), e);
        }
    }

    private static Object value(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type element = parameterized.getActualTypeArguments()[raw == Map.class ? 1 : 0];
            return raw == Map.class ? Map.of("key", value(element)) : List.of(value(element));
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class || raw == Object.class) {
            return "text";
        }
        if (raw == Long.class || raw == long.class) {
            return 7L;
        }
        if (raw == Integer.class || raw == int.class) {
            return 3;
        }
        if (raw == Double.class || raw == double.class) {
            return 1.5;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return true;
        }
        if (raw.isRecord()) {
            return filled(raw);
        }
        throw new IllegalArgumentException("no sample value for " + type);
    }
}
