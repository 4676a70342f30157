package dev.tabrelay.protocol.events;


/** Image size in pixels. */
public record ImageDimensions(int width, int height) {
}
