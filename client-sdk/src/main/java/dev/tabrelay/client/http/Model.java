package dev.tabrelay.client.http;

import com.squareup.moshi.Json;

/** An entry of {@code GET /v1/models}. */
public record Model(String id, String object, Long created, @Json(name = "owned_by") String ownedBy) {
}
