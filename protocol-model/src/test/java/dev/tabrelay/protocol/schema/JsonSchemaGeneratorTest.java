package dev.tabrelay.protocol.schema;

import com.squareup.moshi.Json;
import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.MessageType;
import dev.tabrelay.protocol.Required;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonSchemaGeneratorTest {

    record Inner(@Required String name, double size) {
    }

    @Description("A record using every supported shape.")
    record Shapes(
            @Json(name = "wire_name") @Description("Renamed.") String javaName,
            int count,
            Long big,
            Boolean flag,
            Double ratio,
            Object anything,
            List<Inner> inners,
            Map<String, String> labels,
            Map<String, Object> bag,
            Map<String, Inner> innersByName,
            @Required Inner inner) {
    }

    record RawList(@SuppressWarnings("rawtypes") List items) {
    }

    record Outer(Clash first, JsonSchemaGeneratorTest.Other.Clash second) {
    }

    record Clash(String a) {
    }

    static final class Other {
        record Clash(String b) {
        }
    }

    private final JsonSchemaGenerator generator = new JsonSchemaGenerator();

    @Test
    void chatSettingsUsesTheJsonNameOfMaxTokens() {
        Map<String, Object> settings = SchemaTrees.at(generator.frameSchema(MessageType.SEND_CHAT_MESSAGE),
                "$defs", "ChatSettings", "properties");
        assertEquals(List.of("model", "temperature", "max_tokens", "stream"), List.copyOf(settings.keySet()));
        assertEquals(Map.of("type", List.of("integer", "null")), settings.get("max_tokens"));
    }

    @Test
    void mapsEverySupportedShape() {
        RecordSchemas records = new RecordSchemas();
        Map<String, Object> schema = records.objectSchema(Shapes.class);
        Map<String, Object> properties = SchemaTrees.at(schema, "properties");

        assertEquals("A record using every supported shape.", schema.get("description"));
        assertEquals(Map.of("type", List.of("string", "null"), "description", "Renamed."), properties.get("wire_name"));
        assertFalse(properties.containsKey("javaName"));
        assertEquals(Map.of("type", "integer"), properties.get("count"));
        assertEquals(Map.of("type", List.of("integer", "null")), properties.get("big"));
        assertEquals(Map.of("type", List.of("boolean", "null")), properties.get("flag"));
        assertEquals(Map.of("type", List.of("number", "null")), properties.get("ratio"));
        assertEquals(Map.of(), properties.get("anything"));
        assertEquals(Map.of("type", List.of("array", "null"), "items", Map.of("$ref", "#/$defs/Inner")), properties.get("inners"));
        assertEquals(Map.of("type", List.of("object", "null"), "additionalProperties", Map.of("type", "string")), properties.get("labels"));
        assertEquals(Map.of("type", List.of("object", "null")), properties.get("bag"));
        assertEquals(Map.of("type", List.of("object", "null"), "additionalProperties", Map.of("$ref", "#/$defs/Inner")),
                properties.get("innersByName"));
        assertEquals(Map.of("$ref", "#/$defs/Inner"), properties.get("inner"));
        assertEquals(List.of("count", "inner"), schema.get("required"));

        Map<String, Object> inner = SchemaTrees.at(records.defs(), "Inner");
        assertEquals(List.of("name", "size"), inner.get("required"));
        assertEquals(List.of("Inner"), List.copyOf(records.defs().keySet()), "one definition however often it is used");
    }

    @Test
    void refusesTypesItCannotDescribe() {
        assertThrows(IllegalArgumentException.class, () -> new RecordSchemas().objectSchema(RawList.class));
        assertThrows(IllegalArgumentException.class, () -> new RecordSchemas().objectSchema(String.class));
    }

    @Test
    void refusesTwoRecordsWithTheSameSimpleName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new RecordSchemas().objectSchema(Outer.class));
        assertTrue(e.getMessage().contains("Clash"), e.getMessage());
    }

    @Test
    void outputIsStableAndPretty() {
        String first = generator.toJson(generator.frameSchema(MessageType.NETWORK_REQUEST));
        String second = new JsonSchemaGenerator().toJson(new JsonSchemaGenerator().frameSchema(MessageType.NETWORK_REQUEST));
        assertEquals(first, second);
        assertTrue(first.startsWith("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"$id\": "), first);
        assertTrue(first.endsWith("}\n"));
    }

    @Test
    void dataIsOptionalWhenNothingInItIsRequired() {
        assertEquals(List.of("id", "type", "timestamp"),
                generator.frameSchema(MessageType.HEARTBEAT).get("required"));
        assertEquals(List.of("id", "type", "timestamp", "data"),
                generator.frameSchema(MessageType.LEASE_QUEUED).get("required"), "primitives make data required");
    }

    @Test
    void metadataIsAReferencedAllOptionalObject() {
        Map<String, Object> schema = generator.frameSchema(MessageType.ACK);
        assertEquals("#/$defs/Metadata", SchemaTrees.at(schema, "properties", "metadata").get("$ref"));
        Map<String, Object> metadata = SchemaTrees.at(schema, "$defs", "Metadata");
        assertFalse(metadata.containsKey("required"));
        assertEquals(List.of("sessionId", "source", "version", "tabId", "url"),
                List.copyOf(SchemaTrees.at(metadata, "properties").keySet()));
    }
}
