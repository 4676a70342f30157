package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;
import java.util.Map;

/** Request and response headers (secrets redacted by the relay on ingest). */
@Description("Request and response headers; the relay redacts secrets on ingest.")
public record HeaderPair(Map<String, String> request, Map<String, String> response) {
}
