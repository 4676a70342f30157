package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;

/** An element's box in CSS pixels. */
@Description("An element's box in CSS pixels.")
public record ElementBox(Double width, Double height, Double top, Double left) {
}
