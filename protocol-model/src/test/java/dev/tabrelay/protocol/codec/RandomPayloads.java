package dev.tabrelay.protocol.codec;

import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.Required;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates arbitrary, valid instances of any payload record: required components always set, optional ones
 * sometimes null, strings with awkward characters, nested records, lists and maps. JSON values inside
 * {@code Object} components use the types Moshi decodes them to (String, Double, Boolean, List, Map).
 */
final class RandomPayloads {

    private static final String[] AWKWARD = {"", "plain", "quote\"inside", "back\\slash", "line\nbreak", "tab\t",
            "unicode é ü 漢字", "emoji 😀", "</script>", "{\"json\":\"in a string\"}", "\u0000nul", "  spaced  "};

    private final Random random;

    RandomPayloads(long seed) {
        this.random = new Random(seed);
    }

    Payload payload(Class<? extends Payload> type) {
        return (Payload) record(type);
    }

    Metadata metadata() {
        return random.nextInt(4) == 0 ? Metadata.EMPTY : (Metadata) record(Metadata.class);
    }

    private Object record(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            boolean required = component.getType().isPrimitive() || component.isAnnotationPresent(Required.class);
            values[i] = !required && random.nextInt(3) == 0 ? null : value(component.getGenericType(), 0);
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    private Object value(Type type, int depth) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    list.add(value(arguments[0], depth + 1));
                }
                return list;
            }
            if (Map.class.isAssignableFrom(raw)) {
                Map<String, Object> map = new LinkedHashMap<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    map.put(string(), value(arguments[1], depth + 1));
                }
                return map;
            }
            throw new IllegalArgumentException("unsupported generic type " + type);
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return string();
        }
        if (raw == Long.class || raw == long.class) {
            return random.nextLong(-(1L << 53), 1L << 53); // JSON consumers keep 53 bits exactly
        }
        if (raw == Integer.class || raw == int.class) {
            return random.nextInt();
        }
        if (raw == Double.class || raw == double.class) {
            return random.nextBoolean() ? (double) random.nextInt(10_000) : random.nextDouble() * 1e6;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return random.nextBoolean();
        }
        if (raw == Object.class) {
            return jsonValue(depth);
        }
        if (raw.isRecord()) {
            return record(raw);
        }
        throw new IllegalArgumentException("unsupported component type " + type);
    }

    private Object jsonValue(int depth) {
        int kind = random.nextInt(depth > 2 ? 3 : 5);
        return switch (kind) {
            case 0 -> string();
            case 1 -> (double) random.nextInt(1000);
            case 2 -> random.nextBoolean();
            case 3 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.add(jsonValue(depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.put(string(), jsonValue(depth + 1));
                }
                yield map;
            }
        };
    }

    private String string() {
        if (random.nextBoolean()) {
            return AWKWARD[random.nextInt(AWKWARD.length)];
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(0xD000)));
        }
        return text.toString();
    }
}
