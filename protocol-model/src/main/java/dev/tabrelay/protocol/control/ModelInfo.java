package dev.tabrelay.protocol.control;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

/** A chat model an extension can answer for (listed by {@code GET /v1/models}). */
@Description("A chat model an extension can answer for.")
public record ModelInfo(@Required String id, String ownedBy) {
}
