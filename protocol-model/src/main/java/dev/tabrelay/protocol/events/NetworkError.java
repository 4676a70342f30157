package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("A failed network request (HTTP error status or transport failure).")
public record NetworkError(
        @Required String url,
        @Required String method,
        Integer status,
        String statusText,
        @Description("What failed.") String error,
        Long duration,
        HeaderPair headers,
        BodyPair body) implements EventPayload {
}
