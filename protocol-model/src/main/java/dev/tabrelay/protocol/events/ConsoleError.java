package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.List;

@Description("An uncaught error or console.error from the page.")
public record ConsoleError(
        @Required String level,
        @Required String message,
        List<Object> args,
        String source,
        String stack) implements EventPayload {
}
