package dev.tabrelay.protocol.control;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.List;

@Description("An MCP client's filter. Null or empty lists mean everything.")
public record Subscribe(
        @Description("Event types to receive (console-log, network-request, ...).") List<String> types,
        @Description("Only events of this tab.") String tabId,
        @Description("Only events of this relay session (one extension connection).") String sessionId) implements ControlPayload {

    public static Subscribe all() {
        return new Subscribe(null, null, null);
    }
}
