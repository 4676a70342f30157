package dev.tabrelay.simulator;

import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.EventPayload;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;

/** Short one-line descriptions of generated events for the output. */
final class EventLines {

    private EventLines() {
    }

    static String describe(EventPayload event) {
        return switch (event) {
            case ConsoleLog e -> "console-log " + e.level() + " " + ChatResponder.quote(e.message());
            case ConsoleError e -> "console-error " + ChatResponder.quote(e.message());
            case NetworkRequest e -> "network-request " + e.method() + " " + e.url() + " " + e.status();
            case NetworkError e -> "network-error " + e.method() + " " + e.url() + " " + e.status();
            case ElementSelected e -> "element-selected " + e.element().tagName() + " " + e.element().cssSelector();
            default -> event.getClass().getSimpleName();
        };
    }
}
