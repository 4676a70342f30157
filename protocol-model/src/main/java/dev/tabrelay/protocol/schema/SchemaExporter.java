package dev.tabrelay.protocol.schema;

import dev.tabrelay.protocol.MessageType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (exec-maven-plugin, process-classes): writes {@code <wireName>.json} for every {@link MessageType}
 * and {@code index.json} into the directory given as the only argument, so the jar ships the schemas.
 */
public final class SchemaExporter {

    public static final String INDEX_FILE = "index.json";

    private SchemaExporter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SchemaExporter <outputDir>");
            System.exit(2);
        }
        int written = export(Path.of(args[0]));
        System.err.println("TabRelay JSON Schema: " + written + " files in " + args[0]);
    }

    /** Writes all schema files and the index; returns how many files were written. */
    public static int export(Path directory) throws IOException {
        JsonSchemaGenerator generator = new JsonSchemaGenerator();
        Files.createDirectories(directory);
        for (MessageType type : MessageType.values()) {
            write(directory.resolve(JsonSchemaGenerator.fileName(type)), generator.toJson(generator.frameSchema(type)));
        }
        write(directory.resolve(INDEX_FILE), generator.toJson(generator.index()));
        return MessageType.values().length + 1;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
