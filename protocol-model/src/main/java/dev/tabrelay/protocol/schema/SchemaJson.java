package dev.tabrelay.protocol.schema;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;

/** Renders schema trees with Moshi: two-space indent, map key order kept, a trailing newline for tidy files. */
final class SchemaJson {

    private final JsonAdapter<Object> adapter = new Moshi.Builder().build().adapter(Object.class).indent("  ");

    String write(Object tree) {
        return adapter.toJson(tree) + "\n";
    }
}
