package dev.tabrelay.protocol.events;


/** Request and response sizes in bytes. */
public record ByteSizes(Long request, Long response) {
}
