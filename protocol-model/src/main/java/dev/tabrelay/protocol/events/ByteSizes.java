package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;

/** Request and response sizes in bytes. */
@Description("Request and response sizes in bytes.")
public record ByteSizes(Long request, Long response) {
}
