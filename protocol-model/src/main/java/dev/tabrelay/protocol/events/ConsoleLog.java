package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.List;

@Description("A console message from the page.")
public record ConsoleLog(
        @Required @Description("log, info, warn, debug, error") String level,
        @Required String message,
        @Description("The console call's arguments as JSON values.") List<Object> args,
        @Description("file:line:column") String source,
        String stack) implements EventPayload {
}
