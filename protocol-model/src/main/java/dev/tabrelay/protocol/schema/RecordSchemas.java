package dev.tabrelay.protocol.schema;

import com.squareup.moshi.Json;
import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns record classes into JSON Schema trees (plain maps and lists, keys in insertion order). Records met
 * below the root go into {@code $defs} and are referenced by simple name. One instance serves one schema
 * document, because it collects that document's {@code $defs}.
 */
final class RecordSchemas {

    static final String DEFS_PREFIX = "#/$defs/";

    private final Map<String, Class<?>> defClasses = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> defs = new LinkedHashMap<>();

    /** The inline object schema of a record: description, properties in component order, required. */
    Map<String, Object> objectSchema(Class<?> record) {
        if (!record.isRecord()) {
            throw new IllegalArgumentException("not a record: " + record.getName());
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        putDescription(schema, record);
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String name = wireName(component);
            Map<String, Object> property = new LinkedHashMap<>(typeSchema(component.getGenericType(), record, component));
            if (isRequired(component)) {
                required.add(name);
            } else {
                property = nullable(property); // the codec reads an explicit null as absent (seed 002 sends "stack": null)
            }
            putDescription(property, component);
            properties.put(name, property);
        }
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", List.copyOf(required));
        }
        // additionalProperties stays open on purpose: the codec tolerates unknown fields.
        return schema;
    }

    /** A {@code $ref} to the record's entry in {@code $defs}, adding the entry on first use. */
    Map<String, Object> reference(Class<?> record) {
        String name = record.getSimpleName();
        Class<?> known = defClasses.putIfAbsent(name, record);
        if (known != null && known != record) {
            throw new IllegalStateException("two records share the $defs name " + name + ": "
                    + known.getName() + " and " + record.getName());
        }
        if (known == null) {
            defs.put(name, Map.of()); // placeholder first, so a self-referencing record cannot recurse forever
            defs.put(name, objectSchema(record));
        }
        return new LinkedHashMap<>(Map.of("$ref", DEFS_PREFIX + name));
    }

    /** The {@code $defs} collected so far, sorted by name so the output does not depend on discovery order. */
    Map<String, Object> defs() {
        return new LinkedHashMap<>(new TreeMap<>(defs));
    }

    /** Required on the wire: primitives always, reference types when annotated {@link Required}. */
    static boolean isRequired(RecordComponent component) {
        return component.getType().isPrimitive() || component.isAnnotationPresent(Required.class);
    }

    /** The JSON property name, honouring Moshi's {@link Json#name()} as the codec does. */
    static String wireName(RecordComponent component) {
        Json json = component.getAnnotation(Json.class);
        return json == null || Json.UNSET_NAME.equals(json.name()) ? component.getName() : json.name();
    }

    static String description(AnnotatedElement element) {
        Description description = element.getAnnotation(Description.class);
        return description == null ? null : description.value();
    }

    private static void putDescription(Map<String, Object> schema, AnnotatedElement element) {
        String text = description(element);
        if (text != null) {
            schema.put("description", text);
        }
    }

    private Map<String, Object> typeSchema(Type type, Class<?> owner, RecordComponent component) {
        if (type instanceof Class<?> raw) {
            return classSchema(raw, owner, component);
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return schema("type", "array", "items", typeSchema(arguments[0], owner, component));
            }
            if (Map.class.isAssignableFrom(raw) && arguments[0] == String.class) {
                // Map<String, Object> is any object: an empty additionalProperties would only add noise.
                return arguments[1] == Object.class
                        ? schema("type", "object")
                        : schema("type", "object", "additionalProperties", typeSchema(arguments[1], owner, component));
            }
        }
        throw unsupported(type, owner, component);
    }

    private Map<String, Object> classSchema(Class<?> type, Class<?> owner, RecordComponent component) {
        if (type == String.class) {
            return schema("type", "string");
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class) {
            return schema("type", "integer");
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return schema("type", "number");
        }
        if (type == Boolean.class || type == boolean.class) {
            return schema("type", "boolean");
        }
        if (type == Object.class) {
            return new LinkedHashMap<>(); // any JSON value
        }
        if (type.isRecord()) {
            return reference(type);
        }
        // Raw List/Map or anything new: fail the build rather than publish a wrong schema.
        throw unsupported(type, owner, component);
    }

    /** Lets an optional property be {@code null} as well as absent. */
    static Map<String, Object> nullable(Map<String, Object> property) {
        Object type = property.get("type");
        if (type instanceof String single) {
            Map<String, Object> copy = new LinkedHashMap<>(property);
            copy.put("type", List.of(single, "null"));
            return copy;
        }
        if (property.containsKey("$ref")) {
            return schema("anyOf", List.of(property, schema("type", "null")));
        }
        return property; // already any JSON value
    }

    private static IllegalArgumentException unsupported(Type type, Class<?> owner, RecordComponent component) {
        return new IllegalArgumentException("no JSON Schema mapping for " + type.getTypeName() + " in "
                + owner.getName() + "." + component.getName());
    }

    private static Map<String, Object> schema(Object... keysAndValues) {
        Map<String, Object> schema = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            schema.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return schema;
    }
}
