package dev.tabrelay.protocol.schema;

import dev.tabrelay.protocol.MessageType;
import dev.tabrelay.protocol.Metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the draft 2020-12 JSON Schema of a whole frame ({@code id, type, timestamp, data, metadata}) for each
 * {@link MessageType}, by reflection over the payload records, plus the index of all of them. Schemas are plain
 * map/list trees with a stable key order; {@link #toJson(Object)} renders them.
 */
public final class JsonSchemaGenerator {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    public static final String ID_BASE = "https://tabrelay.dev/schema/";

    private final SchemaJson json = new SchemaJson();

    /** The schema of a frame of this type. */
    public Map<String, Object> frameSchema(MessageType type) {
        RecordSchemas records = new RecordSchemas();
        Map<String, Object> data = records.objectSchema(type.payloadType());
        Map<String, Object> metadata = records.reference(Metadata.class);
        metadata.put("description", "Routing facts beside the payload (relay session, source, version, tab, page url);"
                + " every field is optional and the whole object may be left out.");

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", property("string",
                "Unique per sender. A reply reuses the id of the request it answers."));
        Map<String, Object> typeProperty = new LinkedHashMap<>();
        typeProperty.put("const", type.wireName());
        properties.put("type", typeProperty);
        properties.put("timestamp", property("integer",
                "Epoch milliseconds when the sender created the frame; frames more than 60 s old are refused."));
        properties.put("data", data);
        properties.put("metadata", metadata);

        List<String> required = new ArrayList<>(List.of("id", "type", "timestamp"));
        if (data.containsKey("required")) {
            required.add("data"); // an absent data decodes as {}, which is only fine when nothing in it is required
        }

        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("$id", ID_BASE + fileName(type));
        schema.put("title", type.wireName());
        String description = RecordSchemas.description(type.payloadType());
        if (description != null) {
            schema.put("description", description);
        }
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.copyOf(required));
        schema.put("$defs", records.defs());
        return schema;
    }

    /** One entry per type, in registry order: {@code type, file, origin, description}. */
    public List<Map<String, Object>> index() {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (MessageType type : MessageType.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", type.wireName());
            entry.put("file", fileName(type));
            entry.put("origin", type.origin().name());
            String description = RecordSchemas.description(type.payloadType());
            if (description != null) {
                entry.put("description", description);
            }
            entries.add(entry);
        }
        return entries;
    }

    /** Pretty-printed JSON (two-space indent, trailing newline) of a schema or index tree. */
    public String toJson(Object tree) {
        return json.write(tree);
    }

    /** The file name of a type's schema, e.g. {@code console-log.json}. */
    public static String fileName(MessageType type) {
        return type.wireName() + ".json";
    }

    private static Map<String, Object> property(String type, String description) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", type);
        property.put("description", description);
        return property;
    }
}
