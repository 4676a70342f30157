package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;

/** Request and response bodies as text (possibly truncated). */
@Description("Request and response bodies as text (possibly truncated).")
public record BodyPair(String request, String response) {
}
