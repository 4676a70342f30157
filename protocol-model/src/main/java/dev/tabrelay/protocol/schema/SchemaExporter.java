package dev.tabrelay.protocol.schema;

/** Placeholder replaced below. */
final class SchemaExporter {
    public static void main(String[] args) {
    }
}
