package dev.tabrelay.protocol.control;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Liveness in both directions; the relay's answer carries its status, uptime (ms) and open connections.")
public record Heartbeat(String status, Long uptime, Integer connections) implements ControlPayload {

    public static Heartbeat alive() {
        return new Heartbeat("alive", null, null);
    }
}
