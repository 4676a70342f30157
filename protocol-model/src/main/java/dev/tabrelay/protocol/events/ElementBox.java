package dev.tabrelay.protocol.events;


/** An element's box in CSS pixels. */
public record ElementBox(double width, double height, double top, double left) {
}
