package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.Map;

@Description("A Chrome DevTools Protocol command for the extension to run on a tab.")
public record CdpCommand(
        @Required @Description("The CDP command id, echoed by cdp-result.") Long id,
        @Required @Description("Domain.method, e.g. Runtime.evaluate") String method,
        Map<String, Object> params,
        @Description("Flat CDP session (DebuggerSession sessionId).") String sessionId,
        @Description("Tab to run it on when no CDP session is given.") String tabId) implements OpsPayload {
}
