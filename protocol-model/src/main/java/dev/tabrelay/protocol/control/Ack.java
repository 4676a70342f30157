package dev.tabrelay.protocol.control;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Acknowledges a command that has no richer reply (clear-logs, subscribe, ...).")
public record Ack(
        @Required String replyTo,
        @Required @Description("ok, or a short word for a partial outcome.") String status,
        @Description("How many items the command affected, when it counts something.") Integer count,
        String message) implements ControlPayload {

    public static Ack ok(String replyTo) {
        return new Ack(replyTo, "ok", null, null);
    }
}
