package dev.tabrelay.protocol.schema;

import dev.tabrelay.protocol.MessageType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The seed's own examples (verbatim, explicit nulls included) validate against the shipped schemas in strict
 * mode, so a TypeScript extension author who validates with them accepts what the seed sends.
 */
class SeedExamplesMatchSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"console-log", "console-error", "network-request", "network-error", "heartbeat",
            "screenshot-request", "screenshot-response", "element-selected", "connection-init", "connection-ack",
            "connection-close"})
    void seedExampleValidates(String name) throws IOException {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("id", "seed-client-id");        // the seed's send() adds these when an example lacks them
        frame.put("timestamp", 1704067200000.0);
        frame.putAll(SchemaTrees.object(read("/seed002/" + name + ".json")));
        Map<String, Object> schema = SchemaTrees.object(
                ProtocolSchemas.load(MessageType.forWireName(name).orElseThrow()));
        assertEquals(List.of(), new MiniValidator(schema, true).validate(frame));
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = SeedExamplesMatchSchemaTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
