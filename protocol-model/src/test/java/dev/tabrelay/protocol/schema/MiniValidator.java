package dev.tabrelay.protocol.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Just enough of JSON Schema 2020-12 to check the generated schemas against real frames: type, const,
 * properties, required, items, additionalProperties and local $ref. In strict mode it also reports properties
 * a schema with {@code properties} does not declare, which catches a generator that names a field wrongly.
 */
final class MiniValidator {

    private final Map<String, Object> root;
    private final boolean strict;

    MiniValidator(Map<String, Object> root, boolean strict) {
        this.root = root;
        this.strict = strict;
    }

    /** Problems found, each with the JSON path; empty when the value is valid. */
    List<String> validate(Object value) {
        List<String> problems = new ArrayList<>();
        check(root, value, "$", problems);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private void check(Map<String, Object> schema, Object value, String path, List<String> problems) {
        if (schema.containsKey("$ref")) {
            String ref = (String) schema.get("$ref");
            String name = ref.substring(RecordSchemas.DEFS_PREFIX.length());
            Map<String, Object> target = (Map<String, Object>) ((Map<String, Object>) root.get("$defs")).get(name);
            if (target == null) {
                problems.add(path + ": unresolved " + ref);
                return;
            }
            check(target, value, path, problems);
        }
        if (schema.containsKey("const") && !schema.get("const").equals(value)) {
            problems.add(path + ": expected const " + schema.get("const") + " but was " + value);
        }
        if (schema.get("anyOf") instanceof List<?> choices) {
            boolean matched = false;
            for (Object choice : choices) {
                List<String> attempt = new ArrayList<>();
                check((Map<String, Object>) choice, value, path, attempt);
                matched |= attempt.isEmpty();
            }
            if (!matched) {
                problems.add(path + ": matches none of " + choices);
                return;
            }
        }
        Object type = schema.get("type");
        boolean typed = type instanceof List<?> types
                ? types.stream().anyMatch(one -> hasType(value, (String) one))
                : type == null || hasType(value, (String) type);
        if (!typed) {
            problems.add(path + ": expected " + type + " but was " + value);
            return;
        }
        if (value instanceof Map<?, ?> object) {
            checkObject(schema, (Map<String, Object>) object, path, problems);
        }
        if (value instanceof List<?> array && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < array.size(); i++) {
                check((Map<String, Object>) items, array.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void checkObject(Map<String, Object> schema, Map<String, Object> object, String path, List<String> problems) {
        for (Object name : (List<Object>) schema.getOrDefault("required", List.of())) {
            if (!object.containsKey(name)) {
                problems.add(path + ": missing required " + name);
            }
        }
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        Object additional = schema.get("additionalProperties");
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            String childPath = path + "." + entry.getKey();
            if (properties != null && properties.containsKey(entry.getKey())) {
                check((Map<String, Object>) properties.get(entry.getKey()), entry.getValue(), childPath, problems);
            } else if (additional instanceof Map<?, ?> additionalSchema) {
                check((Map<String, Object>) additionalSchema, entry.getValue(), childPath, problems);
            } else if (strict && properties != null) {
                problems.add(childPath + ": not declared by the schema");
            }
        }
    }

    private static boolean hasType(Object value, String type) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "number" -> value instanceof Number;
            case "integer" -> value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue());
            case "null" -> value == null;
            default -> throw new IllegalArgumentException("unsupported type keyword " + type);
        };
    }
}
