package dev.tabrelay.protocol.control;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.List;

@Description("Sent by an extension whenever what it can do changes (tabs opened or closed, models added).")
public record Capabilities(List<String> capabilities, List<TabInfo> tabs, List<ModelInfo> models) implements ControlPayload {
}
