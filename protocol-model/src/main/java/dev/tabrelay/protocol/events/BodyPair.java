package dev.tabrelay.protocol.events;


/** Request and response bodies as text (possibly truncated). */
public record BodyPair(String request, String response) {
}
