package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;

/** Image size in pixels. */
@Description("Image size in pixels.")
public record ImageDimensions(int width, int height) {
}
