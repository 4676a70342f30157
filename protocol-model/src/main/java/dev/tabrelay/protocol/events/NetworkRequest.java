package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("A completed network request.")
public record NetworkRequest(
        @Required String url,
        @Required String method,
        Integer status,
        String statusText,
        @Description("Milliseconds from start to end.") Long duration,
        ByteSizes size,
        HeaderPair headers,
        BodyPair body) implements EventPayload {
}
