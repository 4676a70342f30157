package dev.tabrelay.protocol.events;

import java.util.Map;

/** Request and response headers (secrets redacted by the relay on ingest). */
public record HeaderPair(Map<String, String> request, Map<String, String> response) {
}
