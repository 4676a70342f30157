package dev.tabrelay.protocol.control;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.List;

@Description("First frame a client sends: who it is, what it can do, which tabs and chat models it serves.")
public record ConnectionInit(
        @Required @Description("chrome-extension, mcp-server, javascript-client, ...") String clientType,
        String version,
        @Description("console-capture, network-capture, screenshot-capture, element-selection, chat, sessions, cdp")
        List<String> capabilities,
        String userAgent,
        @Description("The tab this connection speaks for, when it speaks for one.") String tabId,
        @Description("Every tab this connection serves (multi-tab extensions).") List<TabInfo> tabs,
        @Description("Chat models this extension serves.") List<ModelInfo> models,
        @Description("Pairing token, when the relay requires pairing.") String pairingToken) implements ControlPayload {

    public static ConnectionInit of(String clientType, String version, List<String> capabilities) {
        return new ConnectionInit(clientType, version, capabilities, null, null, null, null, null);
    }
}
