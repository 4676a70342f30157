package dev.tabrelay.protocol.schema;

import dev.tabrelay.protocol.MessageType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schemas shipped in this jar (generated at build time by {@link SchemaExporter}), for users who want to
 * validate frames or publish the contract: {@code dev/tabrelay/protocol/schema/json/<wireName>.json} and
 * {@code index.json} beside them.
 */
public final class ProtocolSchemas {

    /** Classpath folder of the schema files, without a leading slash. */
    public static final String RESOURCE_DIR = "dev/tabrelay/protocol/schema/json/";

    private ProtocolSchemas() {
    }

    /** The schema of one frame type as JSON text. */
    public static String load(MessageType type) {
        return read(resourcePath(type));
    }

    /** The index: a JSON array of {@code {type, file, origin, description}}. */
    public static String index() {
        return read(RESOURCE_DIR + SchemaExporter.INDEX_FILE);
    }

    /** Where a type's schema lives on the classpath, e.g. {@code dev/tabrelay/protocol/schema/json/ack.json}. */
    public static String resourcePath(MessageType type) {
        return RESOURCE_DIR + JsonSchemaGenerator.fileName(type);
    }

    private static String read(String path) {
        try (InputStream in = ProtocolSchemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                // Only a jar built without the process-classes step lacks them.
                throw new IllegalStateException("schema resource missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + path, e);
        }
    }
}
