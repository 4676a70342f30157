package dev.tabrelay.protocol.schema;

import dev.tabrelay.protocol.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema files the build put on the classpath: present, well formed, and in step with the generator. */
class ProtocolSchemasTest {

    private final JsonSchemaGenerator generator = new JsonSchemaGenerator();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyTypeHasAWellFormedSchemaResource(MessageType type) {
        Map<String, Object> schema = SchemaTrees.object(ProtocolSchemas.load(type));

        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema"));
        assertEquals("https://tabrelay.dev/schema/" + type.wireName() + ".json", schema.get("$id"));
        assertEquals(type.wireName(), schema.get("title"));
        assertEquals("object", schema.get("type"));
        assertEquals(type.wireName(), SchemaTrees.at(schema, "properties", "type").get("const"));
        assertEquals("string", SchemaTrees.at(schema, "properties", "id").get("type"));
        assertEquals("integer", SchemaTrees.at(schema, "properties", "timestamp").get("type"));
        assertTrue(SchemaTrees.required(schema).containsAll(List.of("id", "type", "timestamp")));
        assertFalse(schema.containsKey("additionalProperties"), "unknown fields are tolerated by the codec");
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void resourceMatchesWhatTheGeneratorProducesNow(MessageType type) {
        assertEquals(generator.toJson(generator.frameSchema(type)), ProtocolSchemas.load(type),
                "stale schema resource; rebuild with mvn process-classes");
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyLocalRefResolves(MessageType type) {
        String text = ProtocolSchemas.load(type);
        Map<String, Object> defs = SchemaTrees.at(SchemaTrees.object(text), "$defs");
        Matcher refs = Pattern.compile("\"#/\\$defs/([^\"]+)\"").matcher(text);
        while (refs.find()) {
            assertTrue(defs.containsKey(refs.group(1)), type + " refers to missing $defs/" + refs.group(1));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void indexListsEveryTypeInRegistryOrder() {
        List<Object> index = (List<Object>) SchemaTrees.parse(ProtocolSchemas.index());

        assertEquals(MessageType.values().length, index.size());
        for (MessageType type : MessageType.values()) {
            Map<String, Object> entry = (Map<String, Object>) index.get(type.ordinal());
            assertEquals(type.wireName(), entry.get("type"));
            assertEquals(type.wireName() + ".json", entry.get("file"));
            assertEquals(type.origin().name(), entry.get("origin"));
            assertTrue(entry.containsKey("description"), type + " has no @Description on its payload record");
        }
    }

    @Test
    void resourcePathPointsIntoTheSchemaFolder() {
        assertEquals("dev/tabrelay/protocol/schema/json/SEND_CHAT_MESSAGE.json",
                ProtocolSchemas.resourcePath(MessageType.SEND_CHAT_MESSAGE));
    }
}
